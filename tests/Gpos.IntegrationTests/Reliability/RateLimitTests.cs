using System.Net;
using System.Text.Json;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Reliability;

/// <summary>Token buckets per terminal, per merchant and per anonymous address (issue 12), with tiny limits.</summary>
public sealed class RateLimitTests(RateLimitTests.LimitedHost fixture) : IClassFixture<RateLimitTests.LimitedHost>
{
    private GposTestHost Host => fixture.Host;

    [Fact]
    public async Task Terminal_AboveItsBurst_Gets429ProblemJsonWithRetryAfter_OtherTerminalsUnaffected()
    {
        using var busy = Host.MtlsClient(TestPki.Terminal("t-rl-busy", "m-rl-1"));
        using var quiet = Host.MtlsClient(TestPki.Terminal("t-rl-quiet", "m-rl-1"));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await busy.GetAsync(new Uri("/v1/me", UriKind.Relative));
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        // Burst 3, refill 1/s: the first three pass, then at most one refilled token in the time the loop takes.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Merchant_ItsTerminalsTogetherAboveTheMerchantBurst_Get429_AnotherMerchantUnaffected()
    {
        using var a = Host.MtlsClient(TestPki.Terminal("t-rl-a", "m-rl-2"));
        using var b = Host.MtlsClient(TestPki.Terminal("t-rl-b", "m-rl-2"));
        using var backend = Host.MtlsClient(TestPki.Merchant("m-rl-2"));
        using var other = Host.MtlsClient(TestPki.Merchant("m-rl-3"));

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { a, b, a, b, backend, backend, a, b })
        {
            statuses.Add((await client.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode);
        }

        // Merchant burst 5, each terminal's burst 3: the merchant's bucket is what runs out.
        Assert.Equal(5, statuses.Take(5).Count(s => s == HttpStatusCode.OK));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(5));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_AboveTheAddressBurst_Gets429_HealthProbesNeverLimited()
    {
        using var anonymous = Host.BootstrapClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await anonymous.GetAsync(new Uri("/v1/pki/ca-certificates", UriKind.Relative))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(2));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        }
    }

    /// <summary>A host with the limits on and tiny.</summary>
    public sealed class LimitedHost : IAsyncLifetime
    {
        private GposTestHost? _host;

        public GposTestHost Host => _host ?? throw new InvalidOperationException("Host not started.");

        public async Task InitializeAsync() => _host = await GposTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gpos:RateLimits:Enabled"] = "true",
            ["Gpos:RateLimits:TerminalPerSecond"] = "1",
            ["Gpos:RateLimits:TerminalBurst"] = "3",
            ["Gpos:RateLimits:MerchantPerSecond"] = "1",
            ["Gpos:RateLimits:MerchantBurst"] = "5",
            ["Gpos:RateLimits:AnonymousPerSecond"] = "1",
            ["Gpos:RateLimits:AnonymousBurst"] = "2",
        });

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
    }
}
