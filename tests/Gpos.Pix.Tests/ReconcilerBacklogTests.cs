using System.Net;
using System.Text.Json.Nodes;
using Gpos.Pix.Psp;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Pix.Tests;

/// <summary>A host whose reconciler re-PUTs every pending intent at once (no minimum age), never abandoning one.</summary>
public sealed class BacklogPixHost : PixHost
{
    protected override IDictionary<string, string?> PixSettings
    {
        get
        {
            var settings = base.PixSettings;
            settings["Gpos:Pix:ReconcileMinimumAge"] = "00:00:00";
            return settings;
        }
    }
}

/// <summary>
/// After a PSP outage the reconciler finds more pending intents than one batch (the soak's 10-minute outage left ~3,000):
/// one pass must bring them all to the PSP, not one batch per <c>ReconcileInterval</c>.
/// </summary>
public sealed class ReconcilerBacklogTests(BacklogPixHost pix) : IClassFixture<BacklogPixHost>
{
    [Fact]
    public async Task RunOnce_MoreIntentsThanOneBatchLeftByAnOutage_AllCreatedAtThePspInOnePass()
    {
        var outage = await pix.AddFaultAsync(new JsonObject { ["endpoint"] = "PUT /cob/{txid}", ["kind"] = "error", ["status"] = 503 });
        var txids = Enumerable.Range(0, 250).Select(_ => PixHost.NewTxid()).ToList();
        await Parallel.ForEachAsync(txids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (txid, _) =>
        {
            var (answer, _) = await pix.PutCobAsync(txid, PixHost.CobBody("3.00"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        });
        using (var removed = await pix.PspClient.DeleteAsync(new Uri($"control/faults/{outage}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.Equal(250, await pix.CountAsync(PendingSql(txids)));

        var completed = await pix.Host.Services.GetRequiredService<PspReconciler>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, await pix.CountAsync(PendingSql(txids)));
        Assert.True(completed >= 250, $"{completed} completed");
        foreach (var txid in txids.Take(5))
        {
            var (read, cob) = await PixHost.SendAsync(pix.PspClient, HttpMethod.Get, $"v2/cob/{txid}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(0, cob["revisao"]!.GetValue<int>());
        }
    }

    private static string PendingSql(IEnumerable<string> txids) => $"""
        SELECT count(*) FROM pix.psp_intents i
        WHERE i.txid IN ({string.Join(',', txids.Select(t => $"'{t}'"))})
          AND NOT EXISTS (SELECT 1 FROM pix.psp_results x WHERE x.intent_id = i.id)
        """;
}
