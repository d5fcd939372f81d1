using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Bench;

/// <summary>Submits a prepared list of ops to a fresh server, one author, each on the current revision.</summary>
internal static class TraceReplay
{
    public static OtServer<TextDocument, TextOperation> Run(TextOperation[] ops, OtServerOptions options)
    {
        var server = new OtServer<TextDocument, TextOperation>(TextOtType.Instance, new TextDocument(), options);
        for (var i = 0; i < ops.Length; i++)
        {
            var result = server.Submit("author", i + 1, server.Revision, ops[i]);
            if (result.Status != SubmitStatus.Committed)
            {
                throw new InvalidOperationException($"op {i} rejected: {result.Reason}");
            }
        }

        return server;
    }
}
