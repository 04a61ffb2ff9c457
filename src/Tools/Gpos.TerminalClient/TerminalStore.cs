using System.Globalization;
using System.Text.Json;
using Gpos.TerminalClient.Storage;

namespace Gpos.TerminalClient;

/// <summary>
/// The terminal's local folder: its identity, private key, certificate and renewal bookkeeping. The folder is readable
/// by its owner only (0700) and the private key file is 0600. Every file is written atomically (temporary file, flush,
/// rename), and a new key and certificate become current in a single rename of <c>terminal.json</c>, so a crash at any
/// point leaves the previous credential usable and never a key without its certificate.
/// </summary>
/// <remarks>
/// Layout: <c>terminal.json</c> (identity, server addresses, current credential), <c>root-ca.pem</c> (the trusted root),
/// <c>credentials/NNNNNN/{private-key.pem, certificate.pem, chain.pem}</c> (one folder per certificate; only the current
/// one is kept), <c>renewal.json</c> (schedule, server advice, retry state).
/// </remarks>
public sealed class TerminalStore
{
    private const string TerminalFile = "terminal.json";
    private const string RenewalFile = "renewal.json";
    private const string RootCaFile = "root-ca.pem";
    private const string CredentialsFolder = "credentials";
    private const string PrivateKeyFile = "private-key.pem";
    private const string CertificateFile = "certificate.pem";
    private const string ChainFile = "chain.pem";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private TerminalStore(string directory) => DirectoryPath = directory;

    /// <summary>The store's folder (absolute).</summary>
    public string DirectoryPath { get; }

    /// <summary>Whether the folder holds an enrolled terminal.</summary>
    public bool IsEnrolled => File.Exists(Path.Combine(DirectoryPath, TerminalFile));

    /// <summary>The root CA this terminal trusts (copied into the store at enrollment).</summary>
    public string RootCaPath => Path.Combine(DirectoryPath, RootCaFile);

    /// <summary>The current private key (PKCS#8 PEM, mode 0600). It never leaves this file except as a CSR signature.</summary>
    public string PrivateKeyPath => Path.Combine(CredentialPath(LoadTerminal().Credential), PrivateKeyFile);

    /// <summary>The current client certificate (PEM).</summary>
    public string CertificatePath => Path.Combine(CredentialPath(LoadTerminal().Credential), CertificateFile);

    /// <summary>Opens (without creating) the store in <paramref name="directory"/>; the folder is created at enrollment.</summary>
    public static TerminalStore Open(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return new TerminalStore(Path.GetFullPath(directory));
    }

    /// <summary>The terminal's identity and current certificate, or null when the folder holds no enrolled terminal.</summary>
    public TerminalIdentity? TryLoadIdentity() => IsEnrolled ? ToIdentity(LoadTerminal()) : null;

    /// <summary>The terminal's identity and current certificate.</summary>
    /// <exception cref="InvalidOperationException">The folder holds no enrolled terminal.</exception>
    public TerminalIdentity LoadIdentity() => ToIdentity(LoadTerminal());

    internal StoredTerminal LoadTerminal()
    {
        var path = Path.Combine(DirectoryPath, TerminalFile);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No enrolled terminal in {DirectoryPath}.");
        }

        return JsonSerializer.Deserialize<StoredTerminal>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    internal TerminalCredential LoadCredential(StoredTerminal terminal)
    {
        var folder = CredentialPath(terminal.Credential);
        return TerminalCredential.FromPem(File.ReadAllText(Path.Combine(folder, CertificateFile)),
            File.ReadAllText(Path.Combine(folder, ChainFile)), File.ReadAllText(Path.Combine(folder, PrivateKeyFile)));
    }

    internal string LoadRootCaPem() => File.ReadAllText(RootCaPath);

    /// <summary>Records a first enrollment: root CA, key, certificate, then <c>terminal.json</c> (the commit point).</summary>
    internal StoredTerminal SaveEnrollment(StoredTerminal terminal, string rootCaPem, string privateKeyPem, string certificatePem,
        string chainPem)
    {
        AtomicFile.CreatePrivateDirectory(DirectoryPath);
        AtomicFile.WriteAllText(RootCaPath, rootCaPem);
        return Commit(terminal, privateKeyPem, certificatePem, chainPem);
    }

    /// <summary>Records a renewal: the new key and certificate replace the old ones in one rename.</summary>
    internal StoredTerminal SaveRenewal(StoredTerminal terminal, string privateKeyPem, string certificatePem, string chainPem) =>
        Commit(terminal, privateKeyPem, certificatePem, chainPem);

    internal RenewalState? LoadRenewalState()
    {
        var path = Path.Combine(DirectoryPath, RenewalFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<RenewalState>(File.ReadAllText(path), Json) : null;
    }

    internal void SaveRenewalState(RenewalState state) =>
        AtomicFile.WriteAllText(Path.Combine(DirectoryPath, RenewalFile), JsonSerializer.Serialize(state, Json));

    private StoredTerminal Commit(StoredTerminal terminal, string privateKeyPem, string certificatePem, string chainPem)
    {
        var current = IsEnrolled ? LoadTerminal().Credential : null;
        var credentials = Path.Combine(DirectoryPath, CredentialsFolder);
        AtomicFile.CreatePrivateDirectory(credentials);
        RemoveCredentials(except: current);

        var next = NextCredentialName(current);
        var folder = CredentialPath(next);
        AtomicFile.CreatePrivateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, PrivateKeyFile), privateKeyPem, secret: true);
        AtomicFile.WriteAllText(Path.Combine(folder, CertificateFile), certificatePem);
        AtomicFile.WriteAllText(Path.Combine(folder, ChainFile), chainPem);

        var committed = terminal with { Credential = next };
        AtomicFile.WriteAllText(Path.Combine(DirectoryPath, TerminalFile), JsonSerializer.Serialize(committed, Json));

        // Only now is the old key no longer needed; temporary files left by an earlier crash go too.
        RemoveCredentials(except: next);
        foreach (var leftover in Directory.EnumerateFiles(DirectoryPath, ".*.tmp"))
        {
            File.Delete(leftover);
        }

        return committed;
    }

    private void RemoveCredentials(string? except)
    {
        var credentials = Path.Combine(DirectoryPath, CredentialsFolder);
        if (!Directory.Exists(credentials))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(credentials))
        {
            if (!string.Equals(Path.GetFileName(folder), except, StringComparison.Ordinal))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string NextCredentialName(string? current)
    {
        var number = current is null ? 0 : int.Parse(current, NumberStyles.None, CultureInfo.InvariantCulture);
        return (number + 1).ToString("D6", CultureInfo.InvariantCulture);
    }

    private string CredentialPath(string name) => Path.Combine(DirectoryPath, CredentialsFolder, name);

    private static TerminalIdentity ToIdentity(StoredTerminal t) => new(t.TerminalId, t.MerchantId, t.SerialNumber,
        t.CertificateSerialNumber, t.NotBefore, t.NotAfter, t.ServerRenewAfter, t.BootstrapBase, t.MtlsBase, t.EnrolledAt,
        t.RenewedAt);
}
