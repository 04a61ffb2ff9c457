using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gpos.Testing;

namespace Gpos.TerminalClient.Tests;

public sealed class EnrollmentTests(GposServer server) : IClassFixture<GposServer>
{
    [Fact]
    public async Task EnrollAsync_ValidCode_StoresIdentityWhoseCertificateAuthenticatesOverMtls()
    {
        using var folder = new TempFolder();
        var (registration, store) = await server.EnrollAsync(folder);

        var identity = store.LoadIdentity();
        Assert.Equal(registration.TerminalId, identity.TerminalId);
        Assert.Equal(registration.MerchantId, identity.MerchantId);
        Assert.Equal(registration.SerialNumber, identity.SerialNumber);
        Assert.True(identity.NotAfter - identity.NotBefore >= TimeSpan.FromMinutes(30));

        using var agent = TerminalAgent.Open(store);
        var caller = await agent.Api.WhoAmIAsync(CancellationToken.None);
        Assert.Equal("terminal", caller.Kind);
        Assert.Equal(registration.TerminalId, caller.Id);
        Assert.Equal(registration.MerchantId, caller.MerchantId);
        Assert.Equal(identity.CertificateSerialNumber, caller.CertificateSerial, ignoreCase: true);
    }

    [Fact]
    public async Task EnrollAsync_Enrolled_KeyIsOwnerOnlyPkcs8AndFolderIsPrivate()
    {
        using var folder = new TempFolder();
        var (_, store) = await server.EnrollAsync(folder);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, TempFolder.ModeOf(store.PrivateKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, TempFolder.ModeOf(store.DirectoryPath));
        var pem = await File.ReadAllTextAsync(store.PrivateKeyPath);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        Assert.Equal(256, key.KeySize);
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(store.CertificatePath));
        using var certificateKey = certificate.GetECDsaPublicKey()!;
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificateKey.ExportSubjectPublicKeyInfo());
        Assert.Empty(Directory.EnumerateFiles(store.DirectoryPath, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task EnrollAsync_Request_CarriesOnlySerialCodeAndCsrNeverThePrivateKey()
    {
        var registration = await server.RegisterAsync();
        using var folder = new TempFolder();
        var store = TerminalStore.Open(folder.Path);
        var recorder = new RecordingHandler();
        using var client = new EnrollmentClient(server.Endpoints, null, inner => recorder.Wrap(inner));

        var result = await client.EnrollAsync(store, registration.SerialNumber, registration.ActivationCode, CancellationToken.None);

        Assert.Equal(EnrollmentStatus.Enrolled, result.Status);
        var body = Assert.Single(recorder.Bodies);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["serialNumber", "activationCode", "csr"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("PRIVATE KEY", body, StringComparison.Ordinal);

        var csr = CertificateRequest.LoadSigningRequestPem(json.RootElement.GetProperty("csr").GetString()!, HashAlgorithmName.SHA256);
        using var stored = ECDsa.Create();
        stored.ImportFromPem(await File.ReadAllTextAsync(store.PrivateKeyPath));
        Assert.Equal(stored.ExportSubjectPublicKeyInfo(), csr.PublicKey.ExportSubjectPublicKeyInfo());
        var privateScalar = Convert.ToBase64String(stored.ExportParameters(includePrivateParameters: true).D!);
        Assert.DoesNotContain(privateScalar, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnrollAsync_WrongCode_RefusedAndNothingStored()
    {
        var registration = await server.RegisterAsync();
        using var folder = new TempFolder();
        var store = TerminalStore.Open(folder.Path);
        using var client = new EnrollmentClient(server.Endpoints);

        var result = await client.EnrollAsync(store, registration.SerialNumber, "WRONG-CODE-1234", CancellationToken.None);

        Assert.Equal(EnrollmentStatus.Refused, result.Status);
        Assert.Equal(403, result.Problem!.Status);
        Assert.False(store.IsEnrolled);
        Assert.False(Directory.Exists(store.DirectoryPath));
    }

    [Fact]
    public async Task EnrollAsync_CodeUsedTwice_SecondIsActivationCodeUsed()
    {
        using var first = new TempFolder();
        var (registration, _) = await server.EnrollAsync(first);
        using var second = new TempFolder();
        using var client = new EnrollmentClient(server.Endpoints);

        var result = await client.EnrollAsync(TerminalStore.Open(second.Path), registration.SerialNumber, registration.ActivationCode,
            CancellationToken.None);

        Assert.Equal(EnrollmentStatus.ActivationCodeUsed, result.Status);
        Assert.Equal(409, result.Problem!.Status);
        Assert.False(TerminalStore.Open(second.Path).IsEnrolled);
    }

    [Fact]
    public async Task EnrollAsync_FiveWrongCodes_LockedEvenForTheRightCode()
    {
        var registration = await server.RegisterAsync();
        using var folder = new TempFolder();
        var store = TerminalStore.Open(folder.Path);
        using var client = new EnrollmentClient(server.Endpoints);

        var outcomes = new List<EnrollmentStatus>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await client.EnrollAsync(store, registration.SerialNumber, $"WRONG-{i}", CancellationToken.None)).Status);
        }

        var right = await client.EnrollAsync(store, registration.SerialNumber, registration.ActivationCode, CancellationToken.None);

        Assert.Equal([.. Enumerable.Repeat(EnrollmentStatus.Refused, 4), EnrollmentStatus.ActivationLocked], outcomes);
        Assert.Equal(EnrollmentStatus.ActivationLocked, right.Status);
        Assert.Equal(423, right.Problem!.Status);
        Assert.False(store.IsEnrolled);
    }

    [Fact]
    public async Task EnrollAsync_StoreAlreadyEnrolled_AlreadyEnrolledWithoutSpendingTheCode()
    {
        using var folder = new TempFolder();
        var (_, store) = await server.EnrollAsync(folder);
        var other = await server.RegisterAsync();
        using var client = new EnrollmentClient(server.Endpoints);

        var result = await client.EnrollAsync(store, other.SerialNumber, other.ActivationCode, CancellationToken.None);
        using var elsewhere = new TempFolder();
        var retry = await client.EnrollAsync(TerminalStore.Open(elsewhere.Path), other.SerialNumber, other.ActivationCode, CancellationToken.None);

        Assert.Equal(EnrollmentStatus.AlreadyEnrolled, result.Status);
        Assert.Equal(EnrollmentStatus.Enrolled, retry.Status);
    }

    [Fact]
    public async Task EnrollAsync_ServerUnreachable_ServerUnavailableAndNothingStored()
    {
        var closed = new Uri($"https://localhost:{GposTestHost.FreePort()}");
        using var folder = new TempFolder();
        var store = TerminalStore.Open(folder.Path);
        using var client = new EnrollmentClient(new TerminalEndpoints(closed, closed, TestPki.Pki.RootCertificatePath));

        var result = await client.EnrollAsync(store, "SN-UNREACHABLE", "CODE", CancellationToken.None);

        Assert.Equal(EnrollmentStatus.ServerUnavailable, result.Status);
        Assert.Null(result.Problem!.Status);
        Assert.False(store.IsEnrolled);
    }
}
