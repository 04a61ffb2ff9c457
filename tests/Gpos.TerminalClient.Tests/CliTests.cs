using Gpos.TerminalClient.Cli;
using Gpos.Testing;

namespace Gpos.TerminalClient.Tests;

public sealed class CliTests(GposServer server) : IClassFixture<GposServer>
{
    [Fact]
    public async Task Enroll_Status_WhoAmI_Renew_EndToEnd()
    {
        var registration = await server.RegisterAsync();
        using var folder = new TempFolder();

        var enroll = await RunAsync("enroll", "--bootstrap", server.Host.BootstrapBase.ToString(), "--mtls", server.Host.MtlsBase.ToString(),
            "--ca", TestPki.Pki.RootCertificatePath, "--serial", registration.SerialNumber, "--code", registration.ActivationCode,
            "--dir", folder.Path);
        var status = await RunAsync("status", "--dir", folder.Path);
        var whoami = await RunAsync("whoami", $"--dir={folder.Path}");
        var renew = await RunAsync("renew", "--dir", folder.Path);

        Assert.Equal((ExitCodes.Ok, ""), (enroll.Code, enroll.Error));
        Assert.Contains($"Enrolled terminal {registration.TerminalId}", enroll.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, status.Code);
        Assert.Contains(registration.SerialNumber, status.Output, StringComparison.Ordinal);
        Assert.Contains("Renew due:", status.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, whoami.Code);
        Assert.Contains($"urn:gpos:terminal:{registration.TerminalId}", whoami.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, renew.Code);
        Assert.Contains("Renewed", renew.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_WrongCode_ClearMessageAndRefusedExitCode()
    {
        var registration = await server.RegisterAsync();
        using var folder = new TempFolder();

        var result = await RunAsync("enroll", "--bootstrap", server.Host.BootstrapBase.ToString(), "--mtls", server.Host.MtlsBase.ToString(),
            "--ca", TestPki.Pki.RootCertificatePath, "--serial", registration.SerialNumber, "--code", "NOT-THE-CODE", "--dir", folder.Path);

        Assert.Equal(ExitCodes.Refused, result.Code);
        Assert.Contains("do not match", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], ExitCodes.Ok)]
    [InlineData(new[] { "frobnicate" }, ExitCodes.Usage)]
    [InlineData(new[] { "status", "--bogus", "x" }, ExitCodes.Usage)]
    [InlineData(new[] { "status", "--dir" }, ExitCodes.Usage)]
    [InlineData(new[] { "enroll", "--bootstrap", "http://insecure", "--mtls", "https://x", "--ca", "a", "--serial", "s", "--code", "c" }, ExitCodes.Usage)]
    [InlineData(new[] { "enroll", "--bootstrap", "https://localhost:1", "--mtls", "https://localhost:2" }, ExitCodes.Usage)]
    public async Task BadArguments_UsageExitCode(string[] args, int expected)
    {
        var result = await RunAsync(args);

        Assert.Equal(expected, result.Code);
        Assert.Contains(expected == ExitCodes.Ok ? "Usage:" : "gpos-terminal", expected == ExitCodes.Ok ? result.Output : result.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UntilCancelled_ReportsScheduleAndStopsCleanly()
    {
        using var folder = new TempFolder();
        await server.EnrollAsync(folder);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Cli.Cli.RunAsync(["run", "--dir", folder.Path], output, error, TimeProvider.System, stop.Token);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("renewal due", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Stopped.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_EmptyFolder_NotEnrolled()
    {
        using var folder = new TempFolder();

        var result = await RunAsync("status", "--dir", folder.Path);

        Assert.Equal(ExitCodes.NotEnrolled, result.Code);
        Assert.Contains("no enrolled terminal", result.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Cli.Cli.RunAsync(args, output, error, TimeProvider.System, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
