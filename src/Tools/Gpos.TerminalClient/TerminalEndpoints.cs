namespace Gpos.TerminalClient;

/// <summary>Where a terminal finds GPOS, and the private root CA it trusts (never the operating system's store).</summary>
/// <param name="BootstrapBase">Base address of the bootstrap port, e.g. <c>https://localhost:7444</c>.</param>
/// <param name="MtlsBase">Base address of the mTLS port, e.g. <c>https://localhost:7443</c>.</param>
/// <param name="RootCaPath">PEM file of the GPOS root CA; enrollment copies it into the terminal's store.</param>
public sealed record TerminalEndpoints(Uri BootstrapBase, Uri MtlsBase, string RootCaPath);
