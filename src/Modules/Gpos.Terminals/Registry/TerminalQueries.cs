using Gpos.Terminals.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gpos.Terminals.Registry;

/// <summary>Reads of the registry, always scoped to a merchant unless the caller is ops.</summary>
internal sealed class TerminalQueries(TerminalsDbContext db)
{
    public async Task<TerminalView?> GetAsync(string terminalId, string? merchantScope, CancellationToken cancellationToken)
    {
        var terminal = await db.Terminals.AsNoTracking()
            .SingleOrDefaultAsync(t => t.TerminalId == terminalId && (merchantScope == null || t.MerchantId == merchantScope), cancellationToken);
        if (terminal is null)
        {
            return null;
        }

        var revoked = await db.TerminalRevocations.AnyAsync(r => r.TerminalId == terminalId, cancellationToken);
        var certificates = await (
                from c in db.IssuedCertificates.AsNoTracking()
                where c.TerminalId == terminalId
                orderby c.IssuedAt
                select new IssuedCertificateView(c.SerialNumber, c.NotBefore, c.NotAfter, c.IssuedAt, c.AuthorisedBy,
                    db.CertificateRevocations.Any(r => r.SerialNumber == c.SerialNumber)))
            .ToListAsync(cancellationToken);
        var status = revoked ? "REVOKED" : certificates.Count == 0 ? "AWAITING_ENROLLMENT" : "ENROLLED";
        return new TerminalView(terminal.TerminalId, terminal.SerialNumber, terminal.Model, terminal.MerchantId,
            terminal.RegisteredAt, terminal.RegisteredBy, status, certificates);
    }

    public async Task<List<TerminalView>> ListAsync(string? merchantId, int limit, CancellationToken cancellationToken)
    {
        var ids = await db.Terminals.AsNoTracking()
            .Where(t => merchantId == null || t.MerchantId == merchantId)
            .OrderBy(t => t.RegisteredAt)
            .Select(t => t.TerminalId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var views = new List<TerminalView>(ids.Count);
        foreach (var id in ids)
        {
            views.Add((await GetAsync(id, merchantId, cancellationToken))!);
        }

        return views;
    }
}
