using Gpos.BrCode;
using Gpos.PspSimulator.Api;
using Gpos.PspSimulator.Pix;

namespace Gpos.PspSimulator.State;

/// <summary>
/// Everything the simulated PSP knows, in memory, behind one lock: charges with their revisions, received Pix with
/// refunds and blocks, webhook registrations and the refund behaviour. Every method returns a rendered snapshot taken
/// under the lock, so concurrent callers (e.g. 100 identical PUTs) see one consistent history.
/// </summary>
internal sealed class SimulatorStore(PspSimulatorOptions options, TimeProvider clock)
{
    /// <summary>[SPEC] <c>PixDevolucaoInvalida</c>: refunds within 90 days of the original settlement.</summary>
    private static readonly TimeSpan RefundWindow = TimeSpan.FromDays(90);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Charge> _charges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReceivedPix> _pix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WebhookRegistration> _webhooks = new(StringComparer.Ordinal);
    private long _nextLocId = 1000;
    private RefundBehaviour _refundBehaviour = RefundBehaviour.Default;

    /// <summary>Incremented by <see cref="Reset"/>; scheduled work from an older generation does nothing.</summary>
    public int Generation { get; private set; }

    public void Reset()
    {
        lock (_gate)
        {
            _charges.Clear();
            _pix.Clear();
            _webhooks.Clear();
            _refundBehaviour = RefundBehaviour.Default;
            Generation++;
        }
    }

    public bool IsReceiverKey(string chave) =>
        options.ReceiverKeys.Count == 0 || options.ReceiverKeys.Contains(chave, StringComparer.Ordinal);

    public Outcome PutCob(string txid, CobTerms terms)
    {
        lock (_gate)
        {
            if (_charges.TryGetValue(txid, out var existing))
            {
                if (existing.Current.Terms.SameAs(terms))
                {
                    // TXID idempotency: the same body returns the same charge, unchanged.
                    return Outcome.Ok(PixJson.Cob(existing, existing.Current, complete: false), created: true);
                }

                if (existing.Status != CobStatus.Ativa)
                {
                    return PixProblem.CobOperacaoInvalida(
                        "A cobrança já existe, não está no status ATIVA, e a presente requisição busca alterá-la.", "cob.status", existing.Status);
                }

                existing.Revisions.Add(new CobRevision(existing.Current.Revisao + 1, terms, CobStatus.Ativa, BrCodeFor(existing.Location, terms)));
                return Outcome.Ok(PixJson.Cob(existing, existing.Current, complete: false), created: true);
            }

            var charge = new Charge
            {
                Txid = txid,
                Criacao = clock.GetUtcNow(),
                LocId = _nextLocId++,
                Location = PixIds.Location(options.LocationHost),
            };
            charge.Revisions.Add(new CobRevision(0, terms, CobStatus.Ativa, BrCodeFor(charge.Location, terms)));
            _charges.Add(txid, charge);
            return Outcome.Ok(PixJson.Cob(charge, charge.Current, complete: false), created: true);
        }
    }

    public Outcome PatchCob(string txid, CobPatch patch)
    {
        lock (_gate)
        {
            if (!_charges.TryGetValue(txid, out var charge))
            {
                return PixProblem.CobNaoEncontrado(txid);
            }

            if (charge.Status != CobStatus.Ativa)
            {
                return PixProblem.CobOperacaoInvalida(
                    "A cobrança não está ATIVA, e a presente requisição busca alterá-la.", "cob.status", charge.Status);
            }

            var current = charge.Current;
            if (patch.Remove)
            {
                charge.Status = CobStatus.RemovidaPeloUsuarioRecebedor;
                charge.Revisions.Add(current with { Revisao = current.Revisao + 1, Status = CobStatus.RemovidaPeloUsuarioRecebedor });
            }
            else
            {
                var terms = patch.ApplyTo(current.Terms);
                if (!terms.SameAs(current.Terms))
                {
                    charge.Revisions.Add(new CobRevision(current.Revisao + 1, terms, CobStatus.Ativa, BrCodeFor(charge.Location, terms)));
                }
            }

            return Outcome.Ok(PixJson.Cob(charge, charge.Current, complete: false));
        }
    }

    public Outcome GetCob(string txid, int? revisao)
    {
        lock (_gate)
        {
            if (!_charges.TryGetValue(txid, out var charge))
            {
                return PixProblem.CobNaoEncontrado(txid);
            }

            if (revisao is { } r)
            {
                if (r < 0 || r >= charge.Revisions.Count)
                {
                    return PixProblem.CobConsultaInvalida(
                        "O parâmetro revisao corresponde a uma revisão inexistente para a cobrança.", "revisao",
                        r.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                return Outcome.Ok(PixJson.Cob(charge, charge.Revisions[r], complete: true));
            }

            return Outcome.Ok(PixJson.Cob(charge, charge.Current, complete: true));
        }
    }

    public (Outcome Outcome, Notification? Notification) Pay(string txid, PayCommand command)
    {
        lock (_gate)
        {
            if (!_charges.TryGetValue(txid, out var charge))
            {
                return (PixProblem.CobNaoEncontrado(txid), null);
            }

            if (charge.Status != CobStatus.Ativa)
            {
                return (PixProblem.Control("CobNaoPagavel", 409, $"The charge is {charge.Status}; only an ATIVA charge can be paid."), null);
            }

            var horario = command.Horario ?? clock.GetUtcNow();
            var e2eid = command.EndToEndId ?? PixIds.EndToEndId(command.PayerIspb ?? options.PayerIspb, horario);
            if (_pix.ContainsKey(e2eid))
            {
                return (PixProblem.Control("EndToEndIdDuplicado", 409, $"A Pix with endToEndId {e2eid} already exists."), null);
            }

            var pix = new ReceivedPix
            {
                EndToEndId = e2eid,
                Txid = txid,
                Valor = command.Valor ?? charge.Current.Terms.Original,
                Chave = charge.Current.Terms.Chave,
                Horario = horario,
                InfoPagador = command.InfoPagador,
                Bloqueio = command.Block ? new CautelarBlock { Inicio = horario, Motivo = "Bloqueio cautelar simulado" } : null,
            };
            charge.Status = CobStatus.Concluida;
            charge.Pix.Add(pix);
            _pix.Add(e2eid, pix);
            var body = PixJson.Pix(pix);
            return (Outcome.Ok(body), new Notification(pix.Chave, body.DeepClone().AsObject(), "pix"));
        }
    }

    public Outcome GetPix(string e2eid)
    {
        lock (_gate)
        {
            return _pix.TryGetValue(e2eid, out var pix) ? Outcome.Ok(PixJson.Pix(pix)) : PixProblem.PixNaoEncontrado(e2eid);
        }
    }

    /// <summary>Snapshots of the given Pix (all when null) with their keys, for webhook replays.</summary>
    public IReadOnlyList<Notification> CurrentPix(IReadOnlyCollection<string>? endToEndIds)
    {
        lock (_gate)
        {
            return _pix.Values
                .Where(p => endToEndIds is null || endToEndIds.Contains(p.EndToEndId))
                .OrderBy(p => p.Horario)
                .Select(p => new Notification(p.Chave, PixJson.Pix(p), "replay"))
                .ToList();
        }
    }

    public (Outcome Outcome, RefundBehaviour Behaviour) RequestRefund(string e2eid, string id, RefundCommand command)
    {
        lock (_gate)
        {
            var behaviour = _refundBehaviour;
            if (!_pix.TryGetValue(e2eid, out var pix))
            {
                return (PixProblem.PixNaoEncontrado(e2eid), behaviour);
            }

            if (pix.Devolucoes.Any(d => string.Equals(d.Id, id, StringComparison.Ordinal)))
            {
                // [SPEC] PixDevolucaoInvalida: reusing an id is an error, not a replay.
                return (PixProblem.PixDevolucaoInvalida(
                    "A requisição de devolução apresenta um {id} já utilizado por outra requisição de devolução para o {e2eid} em questão.", "id", id), behaviour);
            }

            var now = clock.GetUtcNow();
            if (now > pix.Horario + RefundWindow)
            {
                return (PixProblem.PixDevolucaoInvalida(
                    "A requisição de devolução viola a janela de tempo permitida (90 dias desde a liquidação original do pix).", "horario",
                    PixTime.Format(pix.Horario)), behaviour);
            }

            if (pix.Bloqueio is { Status: BlockStatus.Bloqueado })
            {
                return (PixProblem.PixDevolucaoInvalida(
                    "O pix está sob bloqueio cautelar e não pode ser devolvido pelo recebedor.", "e2eid", e2eid), behaviour);
            }

            if (pix.Committed + command.Valor > pix.Valor)
            {
                return (PixProblem.PixDevolucaoInvalida(
                    "A presente requisição de devolução, em conjunto com as demais prévias devoluções, excederia o valor do pix originário.",
                    "devolucao.valor", Money.Format(command.Valor)), behaviour);
            }

            var refund = new Refund
            {
                Id = id,
                RtrId = PixIds.RtrId(options.Ispb, now),
                Valor = command.Valor,
                Natureza = command.Natureza,
                Descricao = command.Descricao,
                Solicitacao = now,
            };
            pix.Devolucoes.Add(refund);
            return (Outcome.Ok(PixJson.Devolucao(refund), created: true), behaviour);
        }
    }

    public Outcome GetRefund(string e2eid, string id)
    {
        lock (_gate)
        {
            var refund = _pix.GetValueOrDefault(e2eid)?.Devolucoes.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));
            return refund is null ? PixProblem.PixDevolucaoNaoEncontrada(e2eid, id) : Outcome.Ok(PixJson.Devolucao(refund));
        }
    }

    /// <summary>Moves a refund in EM_PROCESSAMENTO to its final status; null when there is nothing to settle.</summary>
    public Notification? SettleRefund(int generation, string e2eid, string id, string status, string? motivo)
    {
        lock (_gate)
        {
            if (generation != Generation || !_pix.TryGetValue(e2eid, out var pix))
            {
                return null;
            }

            var refund = pix.Devolucoes.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));
            if (refund is not { Status: RefundStatus.EmProcessamento })
            {
                return null;
            }

            refund.Status = status;
            refund.Motivo = motivo;
            if (status == RefundStatus.Devolvido)
            {
                refund.Liquidacao = clock.GetUtcNow();
            }

            return new Notification(pix.Chave, PixJson.Pix(pix), "devolucao");
        }
    }

    public bool HasPendingRefund(string e2eid, string id)
    {
        lock (_gate)
        {
            return _pix.GetValueOrDefault(e2eid)?.Devolucoes.Any(d => string.Equals(d.Id, id, StringComparison.Ordinal)
                && d.Status == RefundStatus.EmProcessamento) == true;
        }
    }

    public (Outcome Outcome, Notification? Notification) Block(string e2eid, string? motivo)
    {
        lock (_gate)
        {
            if (!_pix.TryGetValue(e2eid, out var pix))
            {
                return (PixProblem.PixNaoEncontrado(e2eid), null);
            }

            if (pix.Bloqueio is { Status: BlockStatus.Bloqueado })
            {
                return (PixProblem.Control("JaBloqueado", 409, "The Pix is already blocked."), null);
            }

            if (pix.Committed >= pix.Valor)
            {
                return (PixProblem.Control("NadaABloquear", 409, "The Pix has been fully returned."), null);
            }

            pix.Bloqueio = new CautelarBlock { Inicio = clock.GetUtcNow(), Motivo = motivo ?? "Bloqueio cautelar simulado" };
            return Notify(pix, "cautelar");
        }
    }

    public (Outcome Outcome, Notification? Notification) Release(string e2eid)
    {
        lock (_gate)
        {
            if (!_pix.TryGetValue(e2eid, out var pix))
            {
                return (PixProblem.PixNaoEncontrado(e2eid), null);
            }

            if (pix.Bloqueio is not { Status: BlockStatus.Bloqueado } block)
            {
                return (PixProblem.Control("NaoBloqueado", 409, "The Pix is not blocked."), null);
            }

            block.Status = BlockStatus.Liberado;
            block.Fim = clock.GetUtcNow();
            return Notify(pix, "cautelar");
        }
    }

    /// <summary>A MED return (BE08/FR01/REFU): settled at once, DEVOLVIDO; a blocked Pix ends its block as DEVOLVIDO.</summary>
    public (Outcome Outcome, Notification? Notification) Med(string e2eid, MedCommand command)
    {
        lock (_gate)
        {
            if (!_pix.TryGetValue(e2eid, out var pix))
            {
                return (PixProblem.PixNaoEncontrado(e2eid), null);
            }

            var remaining = pix.Valor - pix.Committed;
            var valor = command.Valor ?? remaining;
            if (valor <= 0 || valor > remaining)
            {
                return (PixProblem.Control("ValorMedInvalido", 409,
                    $"A MED return of {Money.Format(valor)} exceeds what is left of the Pix ({Money.Format(remaining)})."), null);
            }

            var id = command.Id ?? "MED" + PixIds.Random(20);
            if (pix.Devolucoes.Any(d => string.Equals(d.Id, id, StringComparison.Ordinal)))
            {
                return (PixProblem.Control("IdDuplicado", 409, $"The Pix already has a devolução {id}."), null);
            }

            var now = clock.GetUtcNow();
            pix.Devolucoes.Add(new Refund
            {
                Id = id,
                RtrId = PixIds.RtrId(options.Ispb, now),
                Valor = valor,
                Natureza = command.Natureza,
                Descricao = command.Descricao,
                Solicitacao = now,
                Liquidacao = now,
                Status = RefundStatus.Devolvido,
            });
            if (pix.Bloqueio is { Status: BlockStatus.Bloqueado } block)
            {
                block.Status = BlockStatus.Devolvido;
                block.Fim = now;
            }

            return Notify(pix, "med");
        }
    }

    public RefundBehaviour RefundBehaviour
    {
        get
        {
            lock (_gate)
            {
                return _refundBehaviour;
            }
        }
        set
        {
            lock (_gate)
            {
                _refundBehaviour = value;
            }
        }
    }

    public void RegisterWebhook(string chave, string url)
    {
        lock (_gate)
        {
            _webhooks[chave] = new WebhookRegistration(chave, url, _webhooks.TryGetValue(chave, out var old) ? old.Criacao : clock.GetUtcNow());
        }
    }

    public WebhookRegistration? GetWebhook(string chave)
    {
        lock (_gate)
        {
            return _webhooks.GetValueOrDefault(chave);
        }
    }

    public bool DeleteWebhook(string chave)
    {
        lock (_gate)
        {
            return _webhooks.Remove(chave);
        }
    }

    private static (Outcome, Notification?) Notify(ReceivedPix pix, string reason)
    {
        var body = PixJson.Pix(pix);
        return (Outcome.Ok(body), new Notification(pix.Chave, body.DeepClone().AsObject(), reason));
    }

    private string? BrCodeFor(string location, CobTerms terms)
    {
        var result = BrCode.BrCode.CreateDynamic(new DynamicBrCodeRequest
        {
            Url = location,
            MerchantName = options.MerchantName,
            MerchantCity = options.MerchantCity,
            Amount = terms.Original,
        });
        return result.Code?.Encode();
    }
}
