using System.Security.Cryptography;
using Gpos.Terminals.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Terminals.Registry;

/// <summary>Registers terminals and issues their one-time activation codes (design.md §2 step 1).</summary>
internal sealed class RegistrationService(TerminalsDbContext db, IOptions<TerminalsOptions> options, TimeProvider clock,
    ILogger<RegistrationService> logger)
{
    /// <summary>Null when the serial number is already registered.</summary>
    public async Task<RegisterTerminalResponse?> RegisterAsync(RegisterTerminalRequest request, string merchantId, string registeredBy,
        CancellationToken cancellationToken)
    {
        var terminal = new TerminalRecord
        {
            TerminalId = NewTerminalId(),
            SerialNumber = request.SerialNumber,
            Model = request.Model,
            MerchantId = merchantId,
            AttestationRequired = request.AttestationRequired,
            RegisteredAt = clock.GetUtcNow(),
            RegisteredBy = registeredBy,
        };
        db.Terminals.Add(terminal);
        var (code, record) = NewCode(terminal.TerminalId, registeredBy);
        db.ActivationCodes.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return null;
        }

        logger.LogInformation("Terminal {TerminalId} (serial {SerialNumber}) registered for merchant {MerchantId} by {RegisteredBy}",
            terminal.TerminalId, terminal.SerialNumber, merchantId, registeredBy);
        return new RegisterTerminalResponse(terminal.TerminalId, terminal.SerialNumber, terminal.Model, merchantId, code, record.ExpiresAt);
    }

    /// <summary>A fresh code for a registered, unrevoked terminal (re-enrollment after loss of its key). It replaces earlier ones.</summary>
    public async Task<ActivationCodeResponse?> NewActivationCodeAsync(string terminalId, string? merchantScope, string issuedBy,
        CancellationToken cancellationToken)
    {
        var exists = await db.Terminals.AnyAsync(t => t.TerminalId == terminalId && (merchantScope == null || t.MerchantId == merchantScope),
            cancellationToken);
        if (!exists || await db.TerminalRevocations.AnyAsync(r => r.TerminalId == terminalId, cancellationToken))
        {
            return null;
        }

        var (code, record) = NewCode(terminalId, issuedBy);
        db.ActivationCodes.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("New activation code for {TerminalId} issued by {IssuedBy}", terminalId, issuedBy);
        return new ActivationCodeResponse(terminalId, code, record.ExpiresAt);
    }

    private (string Code, ActivationCodeRecord Record) NewCode(string terminalId, string issuedBy)
    {
        var code = ActivationCode.Generate();
        var now = clock.GetUtcNow();
        return (code, new ActivationCodeRecord
        {
            CodeId = Guid.CreateVersion7(now),
            TerminalId = terminalId,
            CodeSha256 = ActivationCode.Hash(code),
            IssuedAt = now,
            ExpiresAt = now + options.Value.ActivationCodeLifetime,
            IssuedBy = issuedBy,
        });
    }

    private static string NewTerminalId()
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> id = stackalloc char[16];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return $"t-{id}";
    }
}
