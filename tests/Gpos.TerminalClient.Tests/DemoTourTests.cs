using Gpos.Launcher;
using Gpos.Testing;
using Xunit.Abstractions;

namespace Gpos.TerminalClient.Tests;

/// <summary>The launcher's <c>demo</c> walked against a real GPOS host with the real card host and PSP simulators.</summary>
public sealed class DemoTourTests(PaymentsServer server, ITestOutputHelper log) : IClassFixture<PaymentsServer>
{
    [Fact]
    public async Task Demo_RunningSystem_EveryStepAsExpected()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();
        var settings = new DemoSettings(TestPki.Pki, server.Host.BootstrapBase, server.Host.MtlsBase, server.Psp.BaseAddress,
            "merchant-tc", PaymentsServer.PixKey, folder.Path) { MerchantCertificate = () => TestPki.Merchant("merchant-tc") };

        var code = await new DemoTour(settings, output).RunAsync(CancellationToken.None);

        var text = output.ToString();
        log.WriteLine(text);
        Assert.True(code == 0, text);
        Assert.DoesNotContain("unexpected", text, StringComparison.Ordinal);
        Assert.Contains("confirmed: confirmed", text, StringComparison.Ordinal);
        Assert.Contains("declined R$ 40.00 400000******9995, response 51", text, StringComparison.Ordinal);
        Assert.Contains("reversal reason: timeout", text, StringComparison.Ordinal);
        Assert.Contains("CONCLUIDA", text, StringComparison.Ordinal);
        Assert.Contains("signature valid", text, StringComparison.Ordinal);
        Assert.Contains("Demo complete", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", text, StringComparison.Ordinal);
    }
}
