using Gpos.LoadGen.Hosting;

namespace Gpos.LoadGen.Soak;

/// <summary>
/// The system the soak drives: GPOS and the PSP simulator (<see cref="LoadTarget"/>), the card host simulator's control
/// API, and the GPOS settings its checks depend on.
/// </summary>
internal sealed record SoakTarget(LoadTarget Load, Uri CardHostControl, GposResilience Gpos)
{
    /// <summary>Superuser connection to GPOS's database: the audit reads every module's records.</summary>
    public string Database => Load.AdminConnectionString
        ?? throw new InvalidOperationException("The soak audit needs a superuser connection to GPOS's database.");
}

/// <summary>
/// The GPOS settings the soak relies on: the PSP circuit's break (bounds the calls allowed while it is open) and the card
/// request timeout (a "late answer" fault holds the host's answer beyond it).
/// </summary>
/// <param name="PixBreakDuration"><c>Gpos:Pix:BreakerBreakDuration</c>.</param>
/// <param name="CardRequestTimeout"><c>Gpos:Cards:RequestTimeout</c>.</param>
/// <param name="Settings">Every GPOS setting the run changed or relies on, for the report.</param>
internal sealed record GposResilience(TimeSpan PixBreakDuration, TimeSpan CardRequestTimeout, IReadOnlyDictionary<string, string> Settings);
