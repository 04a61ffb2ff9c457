using Gpos.Testing;

namespace Gpos.PspSimulator.Tests;

public sealed class MtlsTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Request_WithoutClientCertificate_HandshakeRefused()
    {
        using var client = TestHttp.Create(fixture.Server.BaseAddress, clientCertificate: null);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(SimulatorFixture.Rel("health")));
    }

    [Fact]
    public async Task Request_WithCertificateFromAnotherCa_HandshakeRefused()
    {
        using var client = TestHttp.Create(fixture.Server.BaseAddress, TestPki.FromOtherCa("urn:gpos:merchant:evil"));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(SimulatorFixture.Rel("health")));
    }

    [Fact]
    public async Task ControlApi_WithAnyDevRootCertificate_Answers()
    {
        using var client = TestHttp.Create(fixture.Server.BaseAddress, TestPki.Ops());
        using var response = await client.GetAsync(SimulatorFixture.Rel("control/calls"));
        Assert.Equal(200, (int)response.StatusCode);
    }
}
