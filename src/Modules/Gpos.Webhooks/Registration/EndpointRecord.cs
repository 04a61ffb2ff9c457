namespace Gpos.Webhooks.Registration;

/// <summary>A registration as the merchant sees it (never with its secret: a secret is shown once, when created or rotated).</summary>
internal sealed record EndpointRecord(Guid Id, string Kind, string? Chave, string Url, string[] EventTypes, DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt, string? DisabledReason);
