using System.Net;
using Gpos.CardHostSimulator;
using Gpos.Cards.Tests.Infrastructure;
using static Gpos.Cards.Tests.Infrastructure.CardsApi;

namespace Gpos.Cards.Tests;

/// <summary>
/// The retry limit of the store-and-forward queues: a reversal (or completion advice) the host never answers or refuses
/// is flagged for manual intervention after <c>SafMaxAttempts</c>, stops being sent, shows flagged to ops, and is sent
/// again once ops re-queue it.
/// </summary>
public sealed class SafRetryLimitTests
{
    [Fact]
    public async Task Reversal_NeverAnswered_FlaggedAfterLimit_StopsRetrying_OpsRequeueCompletesIt()
    {
        await using var environment = await CardsEnvironment.StartAsync(
            new Dictionary<string, string?> { ["Gpos:Cards:SafMaxAttempts"] = "3" });
        var host = environment.Host;
        var id = await SaleReversedUntilFlaggedAsync(environment, FaultMode.Silent, 7098); // never answered: reversed
        using var ops = host.OpsClient();
        var flagged = (await GetJsonAsync(ops, "/ops/v1/cards/reversals?flagged=true"))[0];
        Assert.Equal(id, flagged.GetProperty("saleId").GetString());
        Assert.True(flagged.GetProperty("needsIntervention").GetBoolean());
        Assert.Equal(3, flagged.GetProperty("attempts").GetInt32());
        Assert.Null(flagged.GetProperty("acknowledgedAt").GetString());
        var attemptsWhenFlagged = environment.Simulator.GetReversals().Count;
        await Task.Delay(TimeSpan.FromSeconds(2)); // retry delays are at most 1 s in these settings
        Assert.Equal(attemptsWhenFlagged, environment.Simulator.GetReversals().Count);
        Assert.Contains("flagged for manual intervention", host.Logs.All, StringComparison.Ordinal);

        environment.Simulator.SetFaults(FaultSettings.None);
        var reversalId = flagged.GetProperty("id").GetString()!;
        using var requeued = await PostAsync(ops, $"/ops/v1/cards/reversals/{reversalId}/requeue", null);
        Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
        await WaitForReversalAcknowledgedAsync(host, id);

        using var again = await PostAsync(ops, $"/ops/v1/cards/reversals/{reversalId}/requeue", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await PostAsync(ops, $"/ops/v1/cards/reversals/{Guid.NewGuid()}/requeue", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("flagged,requeued", await host.Database.AdminScalarAsync<string>(
            $"SELECT string_agg(action, ',' ORDER BY event_id) FROM cards.saf_interventions WHERE item_id = '{reversalId}'"));
        Assert.Equal(0, (await GetJsonAsync(ops, "/ops/v1/cards/reversals?flagged=true")).GetArrayLength());
        await AssertLedgerCleanAsync(host);
    }

    [Fact]
    public async Task Reversal_LinkLostAfterEverySend_CountsTowardTheLimit()
    {
        await using var environment = await CardsEnvironment.StartAsync(
            new Dictionary<string, string?> { ["Gpos:Cards:SafMaxAttempts"] = "2" });
        var host = environment.Host;
        var id = await SaleReversedUntilFlaggedAsync(environment, FaultMode.Drop, 7198);

        Assert.Equal(2L, await host.Database.AdminScalarAsync<long>($"""
            SELECT count(*) FROM cards.reversal_attempts t JOIN cards.reversals v ON v.reversal_id = t.reversal_id
            WHERE v.sale_id = '{id}' AND t.outcome IN ('connection-lost', 'timeout', 'refused')
            """));
        Assert.Equal("flagged", await host.Database.AdminScalarAsync<string>(
            "SELECT string_agg(action, ',') FROM cards.saf_interventions"));
    }

    [Fact]
    public async Task CompletionAdvice_RefusedByHost_FlaggedAfterLimit_RequeueSendsItAgain()
    {
        await using var environment = await CardsEnvironment.StartAsync(
            new Dictionary<string, string?> { ["Gpos:Cards:SafMaxAttempts"] = "2" });
        var host = environment.Host;
        using var client = Terminal(host, NewTerminalId());
        using var created = await SaleAsync(client, 8_000, path: "/v1/card/preauthorizations");
        var id = (await JsonAsync(created)).GetProperty("id").GetString()!;
        environment.Simulator.Reset(); // the host forgets the 0100: it refuses the completion (12)

        using var completed = await PostAsync(client, $"/v1/card/preauthorizations/{id}/completion", new { amount = 8_000 });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        using var ops = host.OpsClient();
        await EventuallyAsync(async () =>
            (await GetJsonAsync(ops, "/ops/v1/cards/completions?flagged=true")).GetArrayLength() == 1, TimeSpan.FromSeconds(30));

        var flagged = (await GetJsonAsync(ops, "/ops/v1/cards/completions?flagged=true"))[0];
        Assert.Equal("completion", flagged.GetProperty("kind").GetString());
        Assert.Equal(2L, await host.Database.AdminScalarAsync<long>(
            "SELECT count(*) FROM cards.completion_attempts WHERE outcome = 'refused' AND response_code = '12'"));
        Assert.False((await GetJsonAsync(client, $"/v1/card/sales/{id}")).GetProperty("completionAcknowledged").GetBoolean());
        var completionId = flagged.GetProperty("id").GetString()!;
        using var requeued = await PostAsync(ops, $"/ops/v1/cards/completions/{completionId}/requeue", null);
        Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
        Assert.Equal(0, (await JsonAsync(requeued)).GetProperty("strikes").GetInt32());
        await EventuallyAsync(async () => await host.Database.AdminScalarAsync<string>(
            $"SELECT string_agg(action, ',' ORDER BY event_id) FROM cards.saf_interventions WHERE item_id = '{completionId}'")
            == "flagged,requeued,flagged", TimeSpan.FromSeconds(30));
        Assert.Equal(4L, await host.Database.AdminScalarAsync<long>("SELECT count(*) FROM cards.completion_attempts"));
        await AssertLedgerCleanAsync(host);
    }

    /// <summary>A sale the host never answers, whose reversal the host then mistreats (<paramref name="fault"/>) until it is flagged.</summary>
    private static async Task<string> SaleReversedUntilFlaggedAsync(CardsEnvironment environment, FaultMode fault, long amount)
    {
        environment.Simulator.SetFaults(new FaultSettings(fault, Mtis: ["0400", "0401"]));
        using var client = Terminal(environment.Host, NewTerminalId());
        using var created = await SaleAsync(client, amount);
        var id = (await JsonAsync(created)).GetProperty("id").GetString()!;
        using var ops = environment.Host.OpsClient();
        await EventuallyAsync(async () =>
            (await GetJsonAsync(ops, "/ops/v1/cards/reversals?flagged=true")).GetArrayLength() == 1, TimeSpan.FromSeconds(30));
        return id;
    }
}
