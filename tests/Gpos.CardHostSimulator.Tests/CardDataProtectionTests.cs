using Gpos.CardHostSimulator.Tests.Infrastructure;

namespace Gpos.CardHostSimulator.Tests;

public sealed class CardDataProtectionTests
{
    private const string Track2 = "4111111111111111=30121010000012345678";

    [Fact]
    public async Task RequestsWithPanTrack2PinBlockAndIcc_NoFullPanOrCardDataInRecordsOrLogs()
    {
        await using var host = await SimulatorHost.StartAsync();
        await using (var client = await host.ConnectAsync())
        {
            var full = Requests.Purchase(stan: 1, amount: 1000);
            full.Track2_35 = Track2;
            full.SetPinBlock52([0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]);
            full.SetIcc55([0x9F, 0x02, 0x06, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x5A, 0x08, 0x41, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11]);
            await client.ExchangeAsync(full);
            var trackOnly = Requests.Purchase(stan: 2, amount: 1051, pan: null);
            trackOnly.Track2_35 = Track2;
            await client.ExchangeAsync(trackOnly);
            await client.ExchangeAsync(Requests.Reversal(full, stan: 3));
            await client.SendAsync(Requests.Purchase(stan: 4, amount: 1098));   // recorded, never answered
            await client.ExchangeAsync(Requests.Purchase(stan: 5, amount: 1000));
        }

        var messagesJson = await host.Http.GetStringAsync(new Uri("control/messages", UriKind.Relative));
        var reversalsJson = await host.Http.GetStringAsync(new Uri("control/reversals", UriKind.Relative));
        string logs = host.Logs.All;

        Assert.Contains("411111******1111", messagesJson, StringComparison.Ordinal);
        Assert.Contains("DE2=411111******1111", logs, StringComparison.Ordinal);   // the message lines are there, masked
        foreach (var text in new[] { messagesJson, reversalsJson, logs })
        {
            Assert.DoesNotContain("4111111111111111", text, StringComparison.Ordinal);
            Assert.DoesNotContain("30121010000012345678", text, StringComparison.Ordinal);
            Assert.DoesNotContain("123456789ABCDEF0", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("9F0206", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("5A084111", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.All(host.Server.GetMessages().Where(m => m.Mti == "0200"), m => Assert.Equal("411111******1111", m.MaskedPan));
    }
}
