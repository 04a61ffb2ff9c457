using System.Net;
using System.Text.Json;
using Gpos.Testing;

namespace Gpos.IntegrationTests.Foundation;

/// <summary>Health, metrics, correlation ids and card-data masking in the host's real log output.</summary>
public sealed class ObservabilityTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private GposTestHost Host => fixture.Host;

    [Fact]
    public async Task Ready_DatabaseUp_ReportsHealthyDatabase()
    {
        using var client = Host.BootstrapClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_Always_Returns200()
    {
        using var client = Host.BootstrapClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterRequests_ExposeLatencyPerEndpoint()
    {
        using var client = Host.BootstrapClient();
        await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("http_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("endpoint=", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorrelationId_GivenByCaller_IsEchoedAndLogged()
    {
        using var client = Host.BootstrapClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Correlation-Id", "corr-abc-123");

        var response = await client.SendAsync(request);

        Assert.Equal("corr-abc-123", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.True(await Host.Logs.WaitForAsync(line => line.Contains("\"CorrelationId\":\"corr-abc-123\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CorrelationId_Malformed_IsReplaced()
    {
        using var client = Host.BootstrapClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>alert(1)</script>");

        var response = await client.SendAsync(request);

        var id = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task Logs_RequestCarryingAPan_NeverContainTheFullPan()
    {
        const string pan = "4111111111111111";
        using var client = Host.BootstrapClient();

        // The PAN reaches the logs through the request path (request logging records it).
        await client.GetAsync(new Uri($"/health/live?card={pan}&track=;{pan}=2512101", UriKind.Relative));
        await client.GetAsync(new Uri($"/nothing/{pan}", UriKind.Relative));

        Assert.True(await Host.Logs.WaitForAsync(line => line.Contains($"/nothing/411111******1111", StringComparison.Ordinal)));
        Assert.DoesNotContain(Host.Logs.Lines, line => line.Contains(pan, StringComparison.Ordinal));
    }
}
