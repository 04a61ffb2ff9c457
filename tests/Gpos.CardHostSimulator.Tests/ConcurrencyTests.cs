using Gpos.CardHostSimulator.Tests.Infrastructure;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Tests;

public sealed class ConcurrencyTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync(lateResponseDelay: TimeSpan.FromMilliseconds(400));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task HundredPipelinedRequestsOnOneConnection_AllAnsweredAndMatchedByTerminalAndStan()
    {
        await using var client = await _host.ConnectAsync();
        // Ten terminals share STANs 1..10; every tenth request is a late answer, so answers leave out of order.
        var requests = Enumerable.Range(0, 100)
            .Select(i =>
            {
                long amount = i % 10 == 0 ? 10_097 : i % 7 == 0 ? 20_051 : 1_000 + (i * 100);
                return Requests.Purchase(stan: (i % 10) + 1, amount: amount, terminal: $"TERM{i / 10:D4}");
            })
            .ToList();
        byte[] burst = requests.SelectMany(FrameWriter.ToFrame).ToArray();

        await client.SendRawAsync(burst);
        var answers = new List<Iso8583Message>();
        while (answers.Count < requests.Count && await client.ReceiveAsync(TimeSpan.FromSeconds(10)) is { } answer)
        {
            answers.Add(answer);
        }

        Assert.Equal(100, answers.Count);
        var byKey = answers.ToDictionary(a => (a.TerminalId41, a.Stan11));
        foreach (var request in requests)
        {
            var answer = byKey[(request.TerminalId41, request.Stan11)];
            Assert.Equal(request.AmountTransaction4, answer.AmountTransaction4);
            Assert.Equal(request.AmountTransaction4 % 100 == 51 ? "51" : "00", answer.ResponseCode39);
        }

        Assert.NotEqual(requests.Select(r => (r.TerminalId41, r.Stan11)), answers.Select(a => (a.TerminalId41, a.Stan11)));
        Assert.Equal(100, _host.Server.GetStats().RequestsByMti["0200"]);
    }

    [Fact]
    public async Task ManyConnectionsAtOnce_EachServedIndependently()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _host.ConnectAsync()));
        try
        {
            var answers = await Task.WhenAll(clients.Select(async (client, c) =>
            {
                var codes = new List<string?>();
                for (int stan = 1; stan <= 10; stan++)
                {
                    var answer = await client.ExchangeAsync(Requests.Purchase(stan, 1_000, terminal: $"CONN{c:D4}"));
                    Assert.Equal(stan, answer.Stan11);
                    codes.Add(answer.ResponseCode39);
                }

                return codes;
            }));

            Assert.All(answers.SelectMany(a => a), code => Assert.Equal("00", code));
            var stats = _host.Server.GetStats();
            Assert.Equal(20, stats.ConnectionsAccepted);
            Assert.Equal(20, stats.ConnectionsOpen);
            Assert.Equal(200, stats.ResponseCodes["00"]);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
