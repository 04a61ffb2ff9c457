namespace Gpos.TerminalClient.Cli;

/// <summary>Exit codes of gpos-terminal, stable for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int NotEnrolled = 3;
    public const int Unavailable = 4;
    public const int NeedsEnrollment = 5;
}
