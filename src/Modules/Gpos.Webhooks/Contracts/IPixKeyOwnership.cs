namespace Gpos.Webhooks.Contracts;

/// <summary>
/// Who owns a Pix key (chave). The Pix module owns keys and implements this port; the Webhooks module asks it before
/// accepting <c>PUT /v2/webhook/{chave}</c> (API Pix WebhookOperacaoInvalida: "chave não pertence a este usuário
/// recebedor"). Defined here, not in Pix, because Pix already depends on Webhooks (it enqueues events).
/// </summary>
public interface IPixKeyOwnership
{
    Task<bool> IsOwnedByAsync(string chave, string merchantId, CancellationToken cancellationToken);
}
