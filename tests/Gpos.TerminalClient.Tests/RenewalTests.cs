using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;

namespace Gpos.TerminalClient.Tests;

public sealed class RenewalTests(GposServer server) : IClassFixture<GposServer>
{
    [Fact]
    public async Task RenewAsync_OverMtls_NewKeyNewCertificateSameIdentity_OldAndNewBothValid()
    {
        using var folder = new TempFolder();
        var (registration, store) = await server.EnrollAsync(folder);
        var before = store.LoadIdentity();
        var oldKeyPem = await File.ReadAllTextAsync(store.PrivateKeyPath);
        using var oldCertificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(store.CertificatePath), oldKeyPem);
        using var agent = TerminalAgent.Open(store);

        var result = await agent.RenewAsync(CancellationToken.None);

        Assert.Equal(RenewalStatus.Renewed, result.Status);
        var after = store.LoadIdentity();
        Assert.Equal(registration.TerminalId, after.TerminalId);
        Assert.NotEqual(before.CertificateSerialNumber, after.CertificateSerialNumber);
        Assert.NotNull(after.RenewedAt);
        Assert.NotEqual(oldKeyPem, await File.ReadAllTextAsync(store.PrivateKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, TempFolder.ModeOf(store.PrivateKeyPath));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(store.DirectoryPath, "credentials")));

        var caller = await agent.Api.WhoAmIAsync(CancellationToken.None);
        Assert.Equal(after.CertificateSerialNumber, caller.CertificateSerial, ignoreCase: true);
        using var oldClient = server.Host.MtlsClient(oldCertificate);
        using var oldAnswer = await oldClient.GetAsync(new Uri("/v1/me", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, oldAnswer.StatusCode);
    }

    [Fact]
    public async Task Revoke_NextHandshakeFailsWithinSecondsAndRenewalIsRefused()
    {
        using var folder = new TempFolder();
        var (registration, store) = await server.EnrollAsync(folder);
        using var agent = TerminalAgent.Open(store);
        Assert.Equal(RenewalStatus.Renewed, (await agent.RenewAsync(CancellationToken.None)).Status);
        await agent.Api.WhoAmIAsync(CancellationToken.None);

        await server.RevokeAsync(registration.TerminalId);
        var revokedAt = TimeProvider.System.GetTimestamp();

        // A fresh agent opens a new connection, so it performs a new handshake.
        HttpRequestException? refused = null;
        while (refused is null && TimeProvider.System.GetElapsedTime(revokedAt) < TimeSpan.FromSeconds(5))
        {
            using var fresh = TerminalAgent.Open(store);
            refused = await Record.ExceptionAsync(() => fresh.Api.WhoAmIAsync(CancellationToken.None)) as HttpRequestException;
        }

        Assert.NotNull(refused);
        Assert.True(TimeProvider.System.GetElapsedTime(revokedAt) < TimeSpan.FromSeconds(2.5));
        Assert.Null(refused.StatusCode); // no HTTP answer at all: the TLS session was refused

        using var afterRevocation = TerminalAgent.Open(store);
        var renewal = await afterRevocation.RenewAsync(CancellationToken.None);
        // Every certificate of the terminal is on the deny-list: the renewal dies in the handshake, nothing is issued.
        Assert.Equal(RenewalStatus.CertificateRejected, renewal.Status);
        Assert.Equal(store.LoadIdentity().CertificateSerialNumber, afterRevocation.Api.CertificateSerialNumber);
    }

    [Fact]
    public async Task RunAsync_FakeClock_RenewsBeforeExpiryWithoutHumanStep_AcrossRestart()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var folder = new TempFolder();
        var (_, store) = await server.EnrollAsync(folder, clock);
        var first = store.LoadIdentity();

        // First run: a third of the lifetime passes, nothing is due, the terminal is switched off.
        using (var agent = TerminalAgent.Open(store, new RenewalPolicy(new Random(1)), clock))
        {
            using var stop = new CancellationTokenSource();
            var running = agent.RunAsync(stop.Token);
            await AdvanceAsync(clock, agent, until: first.NotBefore + ((first.NotAfter - first.NotBefore) / 3), () => false);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            Assert.Equal(first.CertificateSerialNumber, store.LoadIdentity().CertificateSerialNumber);
        }

        // Restart: a new agent over the same folder; time passes; it renews on its own before the certificate expires.
        using (var agent = TerminalAgent.Open(store, new RenewalPolicy(new Random(2)), clock))
        {
            using var stop = new CancellationTokenSource();
            var running = agent.RunAsync(stop.Token);
            await AdvanceAsync(clock, agent, until: first.NotAfter,
                () => store.LoadIdentity().CertificateSerialNumber != first.CertificateSerialNumber);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

            var renewed = store.LoadIdentity();
            Assert.NotEqual(first.CertificateSerialNumber, renewed.CertificateSerialNumber);
            Assert.True(renewed.RenewedAt < first.NotAfter, $"renewed at {renewed.RenewedAt}, old certificate expired {first.NotAfter}");
            var lifetime = first.NotAfter - first.NotBefore;
            Assert.InRange(renewed.RenewedAt!.Value, first.NotBefore + (lifetime * 0.6), first.NotBefore + (lifetime * 0.75));
            var caller = await agent.Api.WhoAmIAsync(CancellationToken.None);
            Assert.Equal(renewed.CertificateSerialNumber, caller.CertificateSerial, ignoreCase: true);
        }
    }

    [Fact]
    public async Task EnsureFreshAsync_ServerOffline_RetriesWithGrowingBackoff_ThenRenewsWhenBack()
    {
        await using var relay = new TcpRelay(server.Host.MtlsPort);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var folder = new TempFolder();
        var registration = await server.RegisterAsync();
        var store = TerminalStore.Open(folder.Path);
        using (var client = new EnrollmentClient(server.Endpoints with { MtlsBase = relay.Address }, clock))
        {
            Assert.True((await client.EnrollAsync(store, registration.SerialNumber, registration.ActivationCode, CancellationToken.None)).Succeeded);
        }

        var policy = new RenewalPolicy(new Random(3)) { InitialBackoff = TimeSpan.FromSeconds(30) };
        using var agent = TerminalAgent.Open(store, policy, clock);
        clock.SetUtcNow(agent.RenewalDueAt);

        var delays = new List<TimeSpan>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var check = await agent.EnsureFreshAsync(CancellationToken.None);
            Assert.Equal(RenewalCheckOutcome.RetryScheduled, check.Outcome);
            Assert.Equal(RenewalStatus.ServerUnavailable, check.Renewal!.Status);
            delays.Add(check.NextCheckAt - clock.GetUtcNow());

            // Before the backoff elapses nothing is attempted.
            var waiting = await agent.EnsureFreshAsync(CancellationToken.None);
            Assert.Equal(RenewalCheckOutcome.RetryScheduled, waiting.Outcome);
            Assert.Null(waiting.Renewal);
            clock.SetUtcNow(check.NextCheckAt);
        }

        Assert.InRange(delays[0], TimeSpan.FromSeconds(24), TimeSpan.FromSeconds(36));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72));
        Assert.InRange(delays[2], TimeSpan.FromSeconds(96), TimeSpan.FromSeconds(144));
        Assert.Equal(3, agent.ConsecutiveFailures);

        relay.Online();
        var back = await agent.EnsureFreshAsync(CancellationToken.None);

        Assert.Equal(RenewalCheckOutcome.Renewed, back.Outcome);
        Assert.Equal(0, agent.ConsecutiveFailures);
        Assert.Null(agent.NextRetryAt);
        Assert.True(back.NextCheckAt > clock.GetUtcNow());
        Assert.Equal(RenewalCheckOutcome.NotDue, (await agent.EnsureFreshAsync(CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Open_AfterCrashMidRenewal_UsesCommittedCredentialAndCleansUp()
    {
        using var folder = new TempFolder();
        var (_, store) = await server.EnrollAsync(folder);
        var committed = store.LoadIdentity();
        // A renewal that crashed after writing its files but before the commit rename of terminal.json.
        var orphan = Path.Combine(store.DirectoryPath, "credentials", "000099");
        Directory.CreateDirectory(orphan);
        await File.WriteAllTextAsync(Path.Combine(orphan, "private-key.pem"), "half a key");
        var halfWritten = Path.Combine(store.DirectoryPath, ".terminal.json.0123.tmp");
        await File.WriteAllTextAsync(halfWritten, "{ half");

        using var agent = TerminalAgent.Open(store);
        var caller = await agent.Api.WhoAmIAsync(CancellationToken.None);
        Assert.Equal(committed.CertificateSerialNumber, caller.CertificateSerial, ignoreCase: true);

        Assert.True((await agent.RenewAsync(CancellationToken.None)).Succeeded);
        Assert.False(Directory.Exists(orphan));
        Assert.False(File.Exists(halfWritten));
    }

    /// <summary>Moves the fake clock in small steps (giving the agent's loop real time to react) until done or the limit.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider clock, TerminalAgent agent, DateTimeOffset until, Func<bool> done)
    {
        while (!done() && clock.GetUtcNow() < until)
        {
            if (!agent.IsRenewing)
            {
                clock.Advance(TimeSpan.FromSeconds(15));
            }

            await Task.Delay(15);
        }

        // Let an attempt that started at the last step finish.
        for (var i = 0; i < 200 && !done() && clock.GetUtcNow() < until; i++)
        {
            await Task.Delay(25);
        }
    }
}
