namespace Gpos.TerminalClient.Tests;

/// <summary>Records every request body the client sends, then passes the request on.</summary>
public sealed class RecordingHandler
{
    private readonly List<string> _bodies = [];

    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new Recorder(this, inner);

    private sealed class Recorder(RecordingHandler owner, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                var body = await request.Content.ReadAsStringAsync(cancellationToken);
                lock (owner._bodies)
                {
                    owner._bodies.Add(body);
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
