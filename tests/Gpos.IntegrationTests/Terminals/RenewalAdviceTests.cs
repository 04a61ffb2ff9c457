using System.Net;
using System.Security.Cryptography;
using Gpos.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Gpos.IntegrationTests.Terminals.TerminalKit;

namespace Gpos.IntegrationTests.Terminals;

/// <summary>
/// The server's side of automatic renewal, on a host whose clock the test moves: responses to a terminal past 2/3
/// of its certificate's lifetime say so, and an expired activation code no longer enrolls.
/// </summary>
public sealed class RenewalAdviceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private GposTestHost? _host;

    private GposTestHost Host => _host!;

    public async Task InitializeAsync() => _host = await GposTestHost.StartAsync(
        new Dictionary<string, string?> { ["Gpos:Terminals:CertificateLifetime"] = "01:00:00" },
        services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task Responses_PastTwoThirdsOfLifetime_CarryTheRenewHeader()
    {
        var (_, certificate, enrolled) = await EnrollNewAsync(Host);
        using var client = Host.MtlsClient(certificate);

        _clock.Advance(TimeSpan.FromMinutes(30));
        var early = await client.GetAsync(new Uri("/v1/me", UriKind.Relative));
        _clock.Advance(TimeSpan.FromMinutes(15));
        var late = await client.GetAsync(new Uri("/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.False(early.Headers.Contains("Gpos-Certificate-Renew"));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var advice = DateTimeOffset.Parse(late.Headers.GetValues("Gpos-Certificate-Renew").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(enrolled.RenewAfter, advice);
        certificate.Dispose();
    }

    [Fact]
    public async Task Enroll_AfterTheCodeExpired_IsRefusedAsExpired()
    {
        var terminal = await RegisterAsync(Host);
        _clock.Advance(TimeSpan.FromHours(25));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await EnrollAsync(Host, terminal.SerialNumber, terminal.ActivationCode, Csr(key));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("https://gpos.dev/problems/terminals/activation-code-expired", await ProblemTypeAsync(response));
    }
}
