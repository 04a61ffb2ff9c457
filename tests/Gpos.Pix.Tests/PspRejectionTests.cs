using System.Net;
using Gpos.PspSimulator;

namespace Gpos.Pix.Tests;

/// <summary>A PSP that only knows the receiver's keys A and B (refuses any other key, as a real PSP does).</summary>
public sealed class StrictPspHost : PixHost
{
    protected override void ConfigureSimulator(PspSimulatorOptions options)
    {
        options.ReceiverKeys.Add(ChaveA);
        options.ReceiverKeys.Add(ChaveB);
    }
}

public sealed class PspRejectionTests(StrictPspHost pix) : IClassFixture<StrictPspHost>
{
    [Fact]
    public async Task PutCob_PspRefusesTheKey_CobOperacaoInvalidaRecordedAndStable()
    {
        const string unknownAtPsp = "desconhecida-no-psp@example.com";
        await pix.RegisterKeyAsync(unknownAtPsp, PixHost.MerchantA, "LOJA A", "SAO PAULO");
        var txid = PixHost.NewTxid();

        var (refused, problem) = await pix.PutCobAsync(txid, PixHost.CobBody(chave: unknownAtPsp));
        var (again, _) = await pix.PutCobAsync(txid, PixHost.CobBody(chave: unknownAtPsp));
        var (get, _) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida", problem["type"]!.GetValue<string>());
        Assert.NotEmpty(problem["violacoes"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(1, await pix.CountAsync(
            $"SELECT count(*) FROM pix.psp_results r JOIN pix.psp_intents i ON i.id = r.intent_id WHERE i.txid = '{txid}' AND r.outcome = 'REJECTED'"));
        Assert.Equal(1, await pix.PspCallsAsync("PUT /cob/{txid}", txid));
    }
}
