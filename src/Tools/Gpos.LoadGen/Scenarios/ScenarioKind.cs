namespace Gpos.LoadGen.Scenarios;

/// <summary>The GPOS scenarios, in the order the suite runs them (each feeds charges to the ones after it).</summary>
internal enum ScenarioKind
{
    /// <summary>Card sale (POST /v1/card/sales, ISO 8583 round trip to the card host simulator) and its confirmation.</summary>
    Card,

    /// <summary>Pix charge creation (PUT /v2/cob/{txid}, with GPOS's call to the PSP simulator).</summary>
    Cob,

    /// <summary>Charge status (GET /v2/cob/{txid}).</summary>
    Status,

    /// <summary>PSP notifications posted straight to GPOS as the PSP (batches of 10 Pix, each paying a created charge).</summary>
    Notify,

    /// <summary>Payments at the PSP simulator (control API); the simulator posts each notification to GPOS.</summary>
    NotifySim,
}

internal static class ScenarioNames
{
    public static readonly IReadOnlyList<ScenarioKind> All = Enum.GetValues<ScenarioKind>();

    public static string Name(ScenarioKind kind) => kind switch
    {
        ScenarioKind.Card => "card",
        ScenarioKind.Cob => "cob",
        ScenarioKind.Status => "status",
        ScenarioKind.Notify => "notify",
        ScenarioKind.NotifySim => "notify-sim",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string name, out ScenarioKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
