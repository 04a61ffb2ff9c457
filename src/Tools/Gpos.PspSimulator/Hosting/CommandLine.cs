using System.Globalization;

namespace Gpos.PspSimulator.Hosting;

/// <summary>
/// Options of the stand-alone simulator from the command line (<c>--port 7450</c>) and the environment
/// (<c>PSPSIM_Port=7450</c>); see README "Running it". Certificates default to the dev PKI in <c>certs/dev</c>, found
/// by walking up from the current directory.
/// </summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: Gpos.PspSimulator [--port 7450] [--listen 127.0.0.1] [--certs certs/dev]
                                 [--server-cert server.crt --server-key server.key]
                                 [--trusted-roots root-ca.crt[,other.crt]] [--intermediates issuing-ca.crt[,...]]
                                 [--webhook-cert psp.crt --webhook-key psp.key]
                                 [--location-host pix.psp-sim.example] [--ispb 12345678] [--payer-ispb 60746948]
                                 [--receiver-keys key1,key2] [--webhook-retry-delays-ms 1000,5000,15000]
        Every option may also come from the environment: PSPSIM_Port, PSPSIM_Certs, PSPSIM_ServerCert, ...
        """;

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--port"] = "Port",
        ["--listen"] = "Listen",
        ["--certs"] = "Certs",
        ["--server-cert"] = "ServerCert",
        ["--server-key"] = "ServerKey",
        ["--trusted-roots"] = "TrustedRoots",
        ["--intermediates"] = "Intermediates",
        ["--webhook-cert"] = "WebhookCert",
        ["--webhook-key"] = "WebhookKey",
        ["--location-host"] = "LocationHost",
        ["--ispb"] = "Ispb",
        ["--payer-ispb"] = "PayerIspb",
        ["--receiver-keys"] = "ReceiverKeys",
        ["--webhook-retry-delays-ms"] = "WebhookRetryDelaysMs",
    };

    public static PspSimulatorOptions Parse(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("PSPSIM_")
            .AddCommandLine(args, Switches)
            .Build();
        string? Get(string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];

        var certs = Get("Certs") ?? FindDevCerts()
            ?? throw new InvalidOperationException("No certs/dev folder found; run `dotnet run --project src/Tools/Gpos.Launcher -- certs init` or pass --certs.");
        var options = new PspSimulatorOptions
        {
            Port = Get("Port") is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : PspSimulatorOptions.DefaultPort,
            ListenAddress = Get("Listen") ?? "127.0.0.1",
            ServerCertificatePath = Get("ServerCert") ?? Path.Combine(certs, "server.crt"),
            ServerKeyPath = Get("ServerKey") ?? Path.Combine(certs, "server.key"),
            WebhookClientCertificatePath = Get("WebhookCert") ?? Path.Combine(certs, "psp.crt"),
            WebhookClientKeyPath = Get("WebhookKey") ?? Path.Combine(certs, "psp.key"),
        };
        foreach (var root in List(Get("TrustedRoots")) ?? [Path.Combine(certs, "root-ca.crt")])
        {
            options.TrustedRootPaths.Add(root);
        }

        var defaultIntermediate = Path.Combine(certs, "issuing-ca.crt");
        foreach (var intermediate in List(Get("Intermediates")) ?? (File.Exists(defaultIntermediate) ? [defaultIntermediate] : []))
        {
            options.IntermediatePaths.Add(intermediate);
        }

        foreach (var key in List(Get("ReceiverKeys")) ?? [])
        {
            options.ReceiverKeys.Add(key);
        }

        if (List(Get("WebhookRetryDelaysMs")) is { } delays)
        {
            options.WebhookRetryDelays.Clear();
            foreach (var ms in delays)
            {
                options.WebhookRetryDelays.Add(TimeSpan.FromMilliseconds(int.Parse(ms, CultureInfo.InvariantCulture)));
            }
        }

        options.LocationHost = Get("LocationHost") ?? options.LocationHost;
        options.Ispb = Get("Ispb") ?? options.Ispb;
        options.PayerIspb = Get("PayerIspb") ?? options.PayerIspb;
        return options;
    }

    private static string[]? List(string? value) =>
        value?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? FindDevCerts()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "certs", "dev");
                if (File.Exists(Path.Combine(candidate, "root-ca.crt")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
