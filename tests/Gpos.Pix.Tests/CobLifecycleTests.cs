using System.Net;
using System.Text.Json.Nodes;
using Gpos.Ledger.Contracts;
using Gpos.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Pix.Tests;

/// <summary>Create → pay at the PSP → webhook → CONCLUIDA with a balanced ledger entry, and TXID idempotency.</summary>
public sealed class CobLifecycleTests(PixHost pix) : IClassFixture<PixHost>
{
    [Fact]
    public async Task PutCob_NewTxid_Returns201WithLocationAndDynamicBrCode()
    {
        var txid = PixHost.NewTxid();

        var (response, body) = await pix.PutCobAsync(txid, PixHost.CobBody());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(txid, body["txid"]!.GetValue<string>());
        Assert.Equal(0, body["revisao"]!.GetValue<int>());
        Assert.Equal("ATIVA", body["status"]!.GetValue<string>());
        Assert.Equal("37.00", body["valor"]!["original"]!.GetValue<string>());
        Assert.Equal(3600, body["calendario"]!["expiracao"]!.GetValue<int>());
        Assert.NotNull(body["calendario"]!["criacao"]);
        var location = body["location"]!.GetValue<string>();
        Assert.Equal(location, body["loc"]!["location"]!.GetValue<string>());
        var code = BrCode.BrCode.Parse(body["pixCopiaECola"]!.GetValue<string>());
        Assert.Equal(location, code.Url);
        Assert.Equal("LOJA A", code.MerchantName);
        Assert.Equal(1, await pix.PspCallsAsync("PUT /cob/{txid}", txid));
    }

    [Fact]
    public async Task PayCob_WebhookArrives_ChargeConcluidaWithBalancedLedgerEntry()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("12.34"));

        var paid = await pix.PayAsync(txid);
        var e2eid = paid["endToEndId"]!.GetValue<string>();

        await PixHost.EventuallyAsync(async () =>
            (await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}")).Body["status"]?.GetValue<string>() == "CONCLUIDA",
            "charge CONCLUIDA");
        var (_, cob) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");
        Assert.Equal(e2eid, cob["pix"]![0]!["endToEndId"]!.GetValue<string>());
        Assert.Equal("12.34", cob["pix"]![0]!["valor"]!.GetValue<string>());

        var ledger = pix.Host.Services.GetRequiredService<ILedgerQueries>();
        var entry = await ledger.FindEntryAsync(new SourceKey("pix", e2eid, "received"), CancellationToken.None);
        Assert.NotNull(entry);
        Assert.Equal(1234, entry.Postings.Where(p => p.Direction == BalanceSide.Debit).Sum(p => p.Amount));
        Assert.Equal(1234, entry.Postings.Where(p => p.Direction == BalanceSide.Credit).Sum(p => p.Amount));
        Assert.Contains(entry.Postings, p => p.AccountCode == "merchant:m-a:payable:brl" && p.Direction == BalanceSide.Credit);

        var (pixResponse, received) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/pix/{e2eid}");
        Assert.Equal(HttpStatusCode.OK, pixResponse.StatusCode);
        Assert.Equal(txid, received["txid"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutCob_SameBodyAgain_SameChargeAndOnePspCall()
    {
        var txid = PixHost.NewTxid();
        var (_, first) = await pix.PutCobAsync(txid, PixHost.CobBody());

        // Same terms, different property order and whitespace: still "the same body".
        var reordered = new JsonObject
        {
            ["chave"] = PixHost.ChaveA,
            ["valor"] = new JsonObject { ["original"] = "37.00" },
            ["solicitacaoPagador"] = "Pedido 123",
            ["devedor"] = new JsonObject { ["nome"] = "Francisco da Silva", ["cpf"] = "12345678909" },
            ["calendario"] = new JsonObject { ["expiracao"] = 3600 },
        };
        var (response, second) = await pix.PutCobAsync(txid, reordered);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(1, await pix.PspCallsAsync("PUT /cob/{txid}", txid));
    }

    [Fact]
    public async Task PutCob_100ConcurrentIdenticalRequests_OneChargeAndOnePspCall()
    {
        var txid = PixHost.NewTxid();
        var body = PixHost.CobBody("99.90");

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => pix.PutCobAsync(txid, body)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Response.StatusCode));
        Assert.Single(results.Select(r => r.Body["location"]!.GetValue<string>()).Distinct());
        Assert.Equal(1, await pix.PspCallsAsync("PUT /cob/{txid}", txid));
        Assert.Equal(1, await pix.CountAsync($"SELECT count(*) FROM pix.charge_revisions WHERE txid = '{txid}'"));
    }

    [Fact]
    public async Task PutCob_DifferentBodyOnAtivaCharge_NewRevision()
    {
        var txid = PixHost.NewTxid();
        var (_, first) = await pix.PutCobAsync(txid, PixHost.CobBody("10.00"));

        var (response, revised) = await pix.PutCobAsync(txid, PixHost.CobBody("11.00"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, revised["revisao"]!.GetValue<int>());
        Assert.Equal("11.00", revised["valor"]!["original"]!.GetValue<string>());
        Assert.Equal(first["location"]!.GetValue<string>(), revised["location"]!.GetValue<string>());
        var (_, atRevision0) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}?revisao=0");
        Assert.Equal("10.00", atRevision0["valor"]!["original"]!.GetValue<string>());
        var (missing, problem) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}?revisao=7");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobConsultaInvalida", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutCob_DifferentBodyOnConcluidaCharge_CobOperacaoInvalida()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("5.00"));
        await pix.PayAsync(txid);
        await PixHost.EventuallyAsync(async () =>
            (await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}")).Body["status"]?.GetValue<string>() == "CONCLUIDA",
            "charge CONCLUIDA");

        var (response, problem) = await pix.PutCobAsync(txid, PixHost.CobBody("6.00"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task PatchCob_Removal_StatusRemovidaPeloUsuarioRecebedor()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody());

        var (response, body) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Patch, $"/v2/cob/{txid}",
            PixHost.Json(new JsonObject { ["status"] = "REMOVIDA_PELO_USUARIO_RECEBEDOR" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("REMOVIDA_PELO_USUARIO_RECEBEDOR", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PatchCob_RevisionOfAmount_RevisaoIncremented()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody("20.00"));

        var (response, body) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Patch, $"/v2/cob/{txid}",
            PixHost.Json(new JsonObject { ["valor"] = new JsonObject { ["original"] = "21.00" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body["revisao"]!.GetValue<int>());
        Assert.Equal("21.00", body["valor"]!["original"]!.GetValue<string>());
        Assert.Equal("Pedido 123", body["solicitacaoPagador"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetCob_OtherMerchantsCharge_CobNaoEncontrado()
    {
        var txid = PixHost.NewTxid();
        await pix.PutCobAsync(txid, PixHost.CobBody());
        using var merchantB = pix.Host.MtlsClient(TestPki.Merchant(PixHost.MerchantB));

        var (response, problem) = await PixHost.SendAsync(merchantB, HttpMethod.Get, $"/v2/cob/{txid}");
        var (put, _) = await pix.PutCobAsync(txid, PixHost.CobBody(chave: PixHost.ChaveB), merchantB);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobNaoEncontrado", problem["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
    }

    [Fact]
    public async Task GetCob_TerminalOfTheMerchant_SeesTheCharge()
    {
        var txid = PixHost.NewTxid();
        using var terminal = pix.Host.MtlsClient(TestPki.Terminal("t-1", PixHost.MerchantA));
        var (created, _) = await pix.PutCobAsync(txid, PixHost.CobBody(), terminal);

        var (response, body) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(txid, body["txid"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListCobs_ByPeriodAndStatus_PagedWithParametros()
    {
        using var merchant = pix.Host.MtlsClient(TestPki.Merchant("m-list"));
        await pix.RegisterKeyAsync("lista@example.com", "m-list", "LISTA", "NATAL");
        for (var i = 0; i < 3; i++)
        {
            await pix.PutCobAsync(PixHost.NewTxid(), PixHost.CobBody("1.00", "lista@example.com"), merchant);
        }

        var inicio = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var fim = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var (response, body) = await PixHost.SendAsync(merchant, HttpMethod.Get,
            $"/v2/cob?inicio={inicio}&fim={fim}&status=ATIVA&paginacao.itensPorPagina=2&paginacao.paginaAtual=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(body["cobs"]!.AsArray());
        var paginacao = body["parametros"]!["paginacao"]!;
        Assert.Equal(3, paginacao["quantidadeTotalDeItens"]!.GetValue<int>());
        Assert.Equal(2, paginacao["quantidadeDePaginas"]!.GetValue<int>());
        Assert.Equal(1, paginacao["paginaAtual"]!.GetValue<int>());

        var (missing, problem) = await PixHost.SendAsync(merchant, HttpMethod.Get, "/v2/cob");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobConsultaInvalida", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListCobs_LocationPresente_SeparatesChargesThePspAcceptedFromPendingOnes()
    {
        using var merchant = pix.Host.MtlsClient(TestPki.Merchant("m-loc"));
        await pix.RegisterKeyAsync("loc@example.com", "m-loc", "LOCAL", "NATAL");
        var accepted = PixHost.NewTxid();
        var pending = PixHost.NewTxid();
        var (created, _) = await pix.PutCobAsync(accepted, PixHost.CobBody("1.00", "loc@example.com"), merchant);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // The PSP fails every attempt: GPOS answers 503 and keeps the charge as an intent with no location yet.
        await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["txid"] = pending, ["kind"] = "error", ["count"] = 10 });
        var (unavailable, _) = await pix.PutCobAsync(pending, PixHost.CobBody("2.00", "loc@example.com"), merchant);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);

        var inicio = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var fim = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        async Task<string[]> TxidsAsync(string filter)
        {
            var (response, body) = await PixHost.SendAsync(merchant, HttpMethod.Get, $"/v2/cob?inicio={inicio}&fim={fim}{filter}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return body["cobs"]!.AsArray().Select(c => c!["txid"]!.GetValue<string>()).Order().ToArray();
        }

        Assert.Equal([accepted], await TxidsAsync("&locationPresente=true"));
        Assert.Equal([pending], await TxidsAsync("&locationPresente=false"));
        Assert.Equal(new[] { accepted, pending }.Order().ToArray(), await TxidsAsync(""));
        var (bad, problem) = await PixHost.SendAsync(merchant, HttpMethod.Get, $"/v2/cob?inicio={inicio}&fim={fim}&locationPresente=sim");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobConsultaInvalida", problem["type"]!.GetValue<string>());
        Assert.Equal("locationPresente", problem["violacoes"]![0]!["propriedade"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCob_IdempotencyKey_ReplaysSameChargeAnd422ForOtherBody()
    {
        using var first = new HttpRequestMessage(HttpMethod.Post, new Uri("/v2/cob", UriKind.Relative)) { Content = PixHost.Json(PixHost.CobBody("3.00")) };
        first.Headers.Add("Idempotency-Key", "key-1");
        using var firstResponse = await pix.MerchantA_Client.SendAsync(first);
        var created = JsonNode.Parse(await firstResponse.Content.ReadAsStringAsync())!;

        using var again = new HttpRequestMessage(HttpMethod.Post, new Uri("/v2/cob", UriKind.Relative)) { Content = PixHost.Json(PixHost.CobBody("3.00")) };
        again.Headers.Add("Idempotency-Key", "key-1");
        using var againResponse = await pix.MerchantA_Client.SendAsync(again);
        var replayed = JsonNode.Parse(await againResponse.Content.ReadAsStringAsync())!;

        using var other = new HttpRequestMessage(HttpMethod.Post, new Uri("/v2/cob", UriKind.Relative)) { Content = PixHost.Json(PixHost.CobBody("4.00")) };
        other.Headers.Add("Idempotency-Key", "key-1");
        using var otherResponse = await pix.MerchantA_Client.SendAsync(other);

        Assert.Equal(HttpStatusCode.Created, firstResponse.StatusCode);
        Assert.Matches("^[a-zA-Z0-9]{26,35}$", created["txid"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, againResponse.StatusCode);
        Assert.Equal(created["txid"]!.GetValue<string>(), replayed["txid"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherResponse.StatusCode);
        Assert.Equal(1, await pix.PspCallsAsync("PUT /cob/{txid}", created["txid"]!.GetValue<string>()));
    }
}
