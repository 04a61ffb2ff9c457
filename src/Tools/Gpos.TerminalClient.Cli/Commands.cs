namespace Gpos.TerminalClient.Cli;

/// <summary>What each gpos-terminal command does, on top of the Gpos.TerminalClient library.</summary>
internal static class Commands
{
    public static async Task<int> EnrollAsync(ArgumentList args, TerminalStore store, Cli.Console console, CancellationToken cancellationToken)
    {
        if (!args.TryGetUri("bootstrap", out var bootstrap, out var problem) || !args.TryGetUri("mtls", out var mtls, out problem))
        {
            await console.ErrorAsync($"gpos-terminal enroll: {problem}");
            return ExitCodes.Usage;
        }

        var (ca, serial, code) = (args.Get("ca"), args.Get("serial"), args.Get("code"));
        if (string.IsNullOrWhiteSpace(ca) || string.IsNullOrWhiteSpace(serial) || string.IsNullOrWhiteSpace(code))
        {
            await console.ErrorAsync("gpos-terminal enroll: --ca, --serial and --code are required");
            return ExitCodes.Usage;
        }

        if (!File.Exists(ca))
        {
            await console.ErrorAsync($"gpos-terminal enroll: root CA file '{ca}' not found");
            return ExitCodes.Usage;
        }

        using var client = new EnrollmentClient(new TerminalEndpoints(bootstrap!, mtls!, ca), console.Time);
        var result = await client.EnrollAsync(store, serial, code, cancellationToken);
        if (result.Succeeded)
        {
            await console.OutAsync($"Enrolled terminal {result.Identity!.TerminalId} (merchant {result.Identity.MerchantId}) into {store.DirectoryPath}");
            await PrintCertificateAsync(result.Identity, console);
            return ExitCodes.Ok;
        }

        await console.ErrorAsync($"Enrollment failed: {Describe(result.Status)}{(result.Problem is null ? "" : $" — {result.Problem}")}");
        return result.Status switch
        {
            EnrollmentStatus.ServerUnavailable => ExitCodes.Unavailable,
            EnrollmentStatus.AlreadyEnrolled => ExitCodes.Usage,
            _ => ExitCodes.Refused,
        };
    }

    public static async Task<int> RenewAsync(TerminalStore store, Cli.Console console, CancellationToken cancellationToken)
    {
        using var agent = TerminalAgent.Open(store, timeProvider: console.Time);
        var result = await agent.RenewAsync(cancellationToken);
        if (result.Succeeded)
        {
            await console.OutAsync($"Renewed: new certificate {result.Identity!.CertificateSerialNumber}");
            await PrintCertificateAsync(result.Identity, console);
            return ExitCodes.Ok;
        }

        await console.ErrorAsync($"Renewal failed: {result.Status} — {result.Problem}");
        return ExitCodeOf(result.Status);
    }

    public static async Task<int> StatusAsync(TerminalStore store, Cli.Console console)
    {
        using var agent = TerminalAgent.Open(store, timeProvider: console.Time);
        var identity = agent.Identity;
        var now = console.Time.GetUtcNow();
        await console.OutAsync($"Terminal:    {identity.TerminalId} (serial {identity.SerialNumber}, merchant {identity.MerchantId})");
        await console.OutAsync($"Servers:     bootstrap {identity.BootstrapBase}  mTLS {identity.MtlsBase}");
        await console.OutAsync($"Store:       {store.DirectoryPath} (key {store.PrivateKeyPath})");
        await PrintCertificateAsync(identity, console);
        var state = now >= identity.NotAfter ? "EXPIRED: needs a new activation code"
            : now < identity.NotBefore ? "not yet valid (check the clock)" : $"valid, {Span(identity.NotAfter - now)} left";
        await console.OutAsync($"State:       {state}");
        await console.OutAsync($"Renew due:   {Cli.Console.Format(agent.RenewalDueAt)}{(agent.RenewalDueAt <= now ? " (due now)" : "")}");
        if (agent.ConsecutiveFailures > 0)
        {
            await console.OutAsync($"Retrying:    {agent.ConsecutiveFailures} failed attempt(s), next at {Cli.Console.Format(agent.NextRetryAt!.Value)}");
            await console.OutAsync($"Last error:  {agent.LastError}");
        }

        return now >= identity.NotAfter ? ExitCodes.NeedsEnrollment : ExitCodes.Ok;
    }

    public static async Task<int> WhoAmIAsync(TerminalStore store, Cli.Console console, CancellationToken cancellationToken)
    {
        using var agent = TerminalAgent.Open(store, timeProvider: console.Time);
        try
        {
            var caller = await agent.Api.WhoAmIAsync(cancellationToken);
            await console.OutAsync($"{caller.Urn} (merchant {caller.MerchantId}), certificate {caller.CertificateSerial}"
                + (caller.CertificateNotAfter is { } notAfter ? $" valid until {Cli.Console.Format(notAfter)}" : ""));
            if (agent.RenewalDueAt <= console.Time.GetUtcNow())
            {
                await console.OutAsync("GPOS advises renewing the certificate now: run 'gpos-terminal renew' or 'gpos-terminal run'.");
            }

            return ExitCodes.Ok;
        }
        catch (HttpRequestException ex)
        {
            await console.ErrorAsync($"whoami failed: {ex.Message}{(ex.InnerException is null ? "" : $" ({ex.InnerException.Message})")}");
            return ex.StatusCode is null ? ExitCodes.Unavailable : ExitCodes.Refused;
        }
    }

    public static async Task<int> RunAsync(TerminalStore store, Cli.Console console, CancellationToken cancellationToken)
    {
        using var agent = TerminalAgent.Open(store, timeProvider: console.Time);
        agent.RenewalChecked += (_, check) => console.Out(DescribeCheck(check));
        // Confirmations and undos an earlier run could not deliver go first (the sales' confirmation window is running).
        await PaymentCommands.DeliverAsync(new Payments.DecisionOutbox(store), new Payments.CardClient(agent.Api.Http), console,
            cancellationToken);
        await console.OutAsync($"Terminal {agent.Identity.TerminalId}: certificate {agent.Identity.CertificateSerialNumber}, "
            + $"renewal due {Cli.Console.Format(agent.RenewalDueAt)}. Ctrl-C stops.");
        try
        {
            var final = await agent.RunAsync(cancellationToken);
            await console.ErrorAsync($"Stopped: the terminal cannot renew any more ({final.Renewal?.Problem?.ToString() ?? "certificate expired"}); "
                + "it needs a new activation code.");
            return ExitCodes.NeedsEnrollment;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.OutAsync("Stopped.");
            return ExitCodes.Ok;
        }
    }

    private static string DescribeCheck(RenewalCheck check) => check.Outcome switch
    {
        RenewalCheckOutcome.Renewed =>
            $"{Cli.Console.Format(check.Renewal!.Identity!.RenewedAt ?? check.NextCheckAt)} renewed: certificate {check.Renewal.Identity.CertificateSerialNumber} "
            + $"valid until {Cli.Console.Format(check.Renewal.Identity.NotAfter)}; next renewal {Cli.Console.Format(check.NextCheckAt)}",
        RenewalCheckOutcome.RetryScheduled =>
            $"renewal failed ({check.Renewal?.Status}: {check.Renewal?.Problem}); retrying at {Cli.Console.Format(check.NextCheckAt)}",
        _ => $"renewal: {check.Outcome} ({check.Renewal?.Problem})",
    };

    private static Task PrintCertificateAsync(TerminalIdentity identity, Cli.Console console) => console.OutAsync(
        $"Certificate: {identity.CertificateSerialNumber} valid {Cli.Console.Format(identity.NotBefore)} .. {Cli.Console.Format(identity.NotAfter)}"
        + $" (GPOS suggests renewing after {Cli.Console.Format(identity.ServerRenewAfter)})");

    private static int ExitCodeOf(RenewalStatus status) => status switch
    {
        RenewalStatus.ServerUnavailable => ExitCodes.Unavailable,
        RenewalStatus.TerminalRevoked or RenewalStatus.CertificateRejected => ExitCodes.NeedsEnrollment,
        _ => ExitCodes.Refused,
    };

    private static string Describe(EnrollmentStatus status) => status switch
    {
        EnrollmentStatus.Refused => "serial number and activation code do not match",
        EnrollmentStatus.ActivationLocked => "the activation code is locked after too many attempts; ask for a new one",
        EnrollmentStatus.ActivationCodeExpired => "the activation code has expired; ask for a new one",
        EnrollmentStatus.ActivationCodeUsed => "the activation code has already been used",
        EnrollmentStatus.TerminalRevoked => "this terminal is revoked",
        EnrollmentStatus.AlreadyEnrolled => "this folder already holds an enrolled terminal",
        EnrollmentStatus.ServerUnavailable => "GPOS is unreachable",
        _ => status.ToString(),
    };

    private static string Span(TimeSpan span) => span.TotalDays >= 1
        ? $"{(int)span.TotalDays}d {span.Hours}h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{(int)span.TotalMinutes}m {span.Seconds}s";
}
