using System.Net.Http.Json;
using System.Text.Json;
using Gpos.Testing;

namespace Gpos.TerminalClient.Tests;

/// <summary>The real GPOS host (real TLS, real PostgreSQL) shared by a test class, with the ops calls the tests need.</summary>
public class GposServer : IAsyncLifetime
{
    private GposTestHost? _host;

    public GposTestHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>Settings of the host; a subclass may change them (e.g. a short lifetime for the renewal header).</summary>
    protected virtual Dictionary<string, string?> Settings => new() { ["Gpos:Terminals:CertificateLifetime"] = "00:30:00" };

    public TerminalEndpoints Endpoints => new(Host.BootstrapBase, Host.MtlsBase, TestPki.Pki.RootCertificatePath);

    public async Task InitializeAsync()
    {
        await StartDependenciesAsync();
        _host = await GposTestHost.StartAsync(Settings);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await StopDependenciesAsync();
    }

    /// <summary>Starts what the host talks to (simulators) before the host; their ports go into <see cref="Settings"/>.</summary>
    protected virtual Task StartDependenciesAsync() => Task.CompletedTask;

    /// <summary>Runs once the host is up (e.g. registers data through the ops API).</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected virtual Task StopDependenciesAsync() => Task.CompletedTask;

    /// <summary>Ops registers a new terminal; returns its id, serial and one-time activation code.</summary>
    public async Task<Registration> RegisterAsync(string merchantId = "merchant-tc")
    {
        var serial = $"SN-{Guid.NewGuid():N}"[..20];
        using var ops = OpsClient();
        using var response = await ops.PostAsJsonAsync(new Uri("/ops/v1/terminals", UriKind.Relative),
            new { serialNumber = serial, model = "GPOS-T1", merchantId });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Registration(body.RootElement.GetProperty("terminalId").GetString()!, serial,
            body.RootElement.GetProperty("activationCode").GetString()!, merchantId);
    }

    public async Task RevokeAsync(string terminalId)
    {
        using var ops = OpsClient();
        using var response = await ops.PutAsJsonAsync(new Uri($"/ops/v1/terminals/{terminalId}/revocation", UriKind.Relative),
            new { reason = "lost device" });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Registers and enrolls a terminal into a new store folder.</summary>
    public async Task<(Registration Registration, TerminalStore Store)> EnrollAsync(TempFolder folder, TimeProvider? time = null)
    {
        var registration = await RegisterAsync();
        var store = TerminalStore.Open(folder.Path);
        using var client = new EnrollmentClient(Endpoints, time);
        var result = await client.EnrollAsync(store, registration.SerialNumber, registration.ActivationCode, CancellationToken.None);
        Assert.Equal(EnrollmentStatus.Enrolled, result.Status);
        return (registration, store);
    }

    protected HttpClient OpsClient() => Host.OpsClient();
}

public sealed record Registration(string TerminalId, string SerialNumber, string ActivationCode, string MerchantId);
