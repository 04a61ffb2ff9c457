namespace Gpos.WebhookReceiver;

/// <summary>One request the receiver got, with what it answered. <see cref="SignatureCount"/> counts <c>v1,</c> signatures in the header.</summary>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, int SignatureCount, string Body,
    IReadOnlyList<string> ValidSecrets, int AnsweredStatus, DateTimeOffset ReceivedAt)
{
    public bool SignatureValid => ValidSecrets.Count > 0;
}
