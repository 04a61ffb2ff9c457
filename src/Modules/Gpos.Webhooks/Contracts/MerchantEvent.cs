using System.Text.Json.Nodes;

namespace Gpos.Webhooks.Contracts;

/// <summary>
/// A change a merchant must learn about. <see cref="State"/> is the resource's current state (not a delta): per-endpoint
/// ordering is not promised, so a receiver keeps the state with the highest sequence number. Build instances with
/// <see cref="MerchantEvents"/>.
/// </summary>
public sealed record MerchantEvent
{
    /// <summary>One of <see cref="MerchantEventTypes"/>.</summary>
    public required string Type { get; init; }

    public required string MerchantId { get; init; }

    /// <summary>Kind of resource (<c>cob</c>, <c>pix</c>, <c>card-sale</c>); the sequence counts per type and id.</summary>
    public required string ResourceType { get; init; }

    public required string ResourceId { get; init; }

    public required JsonObject State { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The Pix key (chave) whose API Pix webhook (<c>PUT /v2/webhook/{chave}</c>) also receives this event.</summary>
    public string? PixKey { get; init; }

    /// <summary>The API Pix <c>Pix</c> object sent as <c>{"pix":[item]}</c> to <c>{webhookUrl}/pix</c> of <see cref="PixKey"/>'s registration.</summary>
    public JsonObject? PixItem { get; init; }
}
