namespace Gpos.Testing;

/// <summary>Configuration that wires a GPOS test host to the simulators, shared by every fixture that starts them.</summary>
public static class SimulatorSettings
{
    /// <summary>
    /// Adds to <paramref name="settings"/> what points GPOS at the PSP simulator at <paramref name="pspBase"/>: GPOS's PSP
    /// client certificate from the test PKI and the test root as the only trust for the simulator's server certificate.
    /// </summary>
    /// <returns><paramref name="settings"/>, for chaining into <c>GposTestHost.StartAsync</c>.</returns>
    public static T WithPsp<T>(this T settings, Uri pspBase)
        where T : IDictionary<string, string?>
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(pspBase);
        var pki = TestPki.Pki;
        settings["Gpos:Pix:PspBaseUrl"] = pspBase.ToString();
        settings["Gpos:Pix:PspClientCertificatePath"] = pki.ClientCertificatePath("gpos-psp-client");
        settings["Gpos:Pix:PspClientKeyPath"] = pki.ClientKeyPath("gpos-psp-client");
        settings["Gpos:Pix:PspTrustedRootPath"] = pki.RootCertificatePath;
        return settings;
    }
}
