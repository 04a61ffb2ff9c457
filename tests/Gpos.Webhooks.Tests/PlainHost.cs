using Gpos.Testing;

namespace Gpos.Webhooks.Tests;

/// <summary>A GPOS host without a PSP, with the test retry schedule; <see cref="AllowPrivate"/> decides the SSRF setting.</summary>
public abstract class PlainHost : IAsyncLifetime
{
    protected abstract bool AllowPrivate { get; }

    public GposTestHost Host { get; private set; } = null!;

    public HttpClient Ops { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GposTestHost.StartAsync(WebhooksHost.WebhookSettings(AllowPrivate));
        Ops = Host.OpsClient();
    }

    public async Task DisposeAsync()
    {
        Ops.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>Loopback receivers allowed (Development setting), as in the delivery tests.</summary>
public sealed class LoopbackHost : PlainHost
{
    protected override bool AllowPrivate => true;
}

/// <summary>The production SSRF rules: public https targets only.</summary>
public sealed class StrictHost : PlainHost
{
    protected override bool AllowPrivate => false;
}
