namespace Gpos.Cards.HostLink;

/// <summary>The link closed while a request was waiting for its answer.</summary>
internal sealed class ConnectionLostException() : IOException("The card host connection was lost.");
