using System.Globalization;
using System.Text.Json.Nodes;

namespace Gpos.Pix.Tests;

/// <summary>
/// Response bodies validated against the official API Pix schemas (bacen/pix-api 2.9.0 components/schemas, converted
/// from the YAML to OpenApi/bacen-api-pix-2.9.0-schemas.json without changes).
/// </summary>
public sealed class OpenApiConformanceTests(PixHost pix) : IClassFixture<PixHost>
{
    [Fact]
    public async Task CobAndPixResponses_MatchOfficialSchemas()
    {
        var txid = PixHost.NewTxid();
        var (_, gerada) = await pix.PutCobAsync(txid, PixHost.CobBody("10.50"));
        await AssertSchemaAsync("CobGerada", gerada);

        var e2eid = (await pix.PayAsync(txid))["endToEndId"]!.GetValue<string>();
        await PixHost.EventuallyAsync(async () =>
            (await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}")).Body["status"]?.GetValue<string>() == "CONCLUIDA",
            "charge CONCLUIDA");
        var (_, completa) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{txid}");
        await AssertSchemaAsync("CobCompleta", completa);

        var inicio = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
        var fim = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture));
        var (_, cobs) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob?inicio={inicio}&fim={fim}");
        await AssertSchemaAsync("CobsConsultadas", cobs);

        var (_, received) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/pix/{e2eid}");
        await AssertSchemaAsync("Pix", received);
        var (_, list) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/pix?inicio={inicio}&fim={fim}");
        await AssertSchemaAsync("PixConsultados", list);

        var (_, problem) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Put, $"/v2/cob/{PixHost.NewTxid()}",
            PixHost.Raw("""{"calendario":{"expiracao":0},"valor":{"original":"1.5"},"chave":"x"}"""));
        await AssertSchemaAsync("Problema", problem);
        var (_, notFound) = await PixHost.SendAsync(pix.MerchantA_Client, HttpMethod.Get, $"/v2/cob/{PixHost.NewTxid()}");
        await AssertSchemaAsync("Problema", notFound);
    }

    private static Task AssertSchemaAsync(string name, JsonObject body) => OfficialSchemas.AssertAsync(name, body);
}
