namespace Gpos.Pix.Charges;

/// <summary>A charge as derived from its records: latest usable revision, latest status event, PSP location.</summary>
internal sealed record ChargeRecord(
    string Txid,
    string MerchantId,
    DateTimeOffset Criacao,
    int Revisao,
    CobTerms Terms,
    string Status,
    long? LocId,
    string? Location,
    DateTimeOffset? LocCriacao,
    bool Pending,
    string MerchantName,
    string MerchantCity);

/// <summary>The result of a charge command: a charge, violations, "not found", "PSP unavailable" or "busy".</summary>
internal sealed record ChargeOutcome(ChargeRecord? Charge, IReadOnlyList<Shared.Violacao>? Violacoes, bool NotFound, bool Unavailable, bool Busy)
{
    public static ChargeOutcome Ok(ChargeRecord charge) => new(charge, null, false, false, false);

    public static ChargeOutcome Invalid(params Shared.Violacao[] violacoes) => new(null, violacoes, false, false, false);

    public static ChargeOutcome Missing { get; } = new(null, null, true, false, false);

    public static ChargeOutcome PspUnavailable { get; } = new(null, null, false, true, false);

    public static ChargeOutcome InFlight { get; } = new(null, null, false, false, true);
}
