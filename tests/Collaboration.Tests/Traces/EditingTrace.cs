using System.IO.Compression;
using System.Text.Json;

namespace SampleMind.Collaboration.Tests.Traces;

/// <summary>One edit of a trace: at <see cref="Position"/> delete <see cref="DeleteCount"/> code points, then insert.</summary>
internal readonly record struct TracePatch(int Position, int DeleteCount, string Insert);

/// <summary>One transaction: its parents (indices of earlier txns; concurrent traces only), agent and patches.</summary>
internal sealed record TraceTxn(int[] Parents, int Agent, TracePatch[] Patches);

/// <summary>A josephg/editing-traces file (sequential or concurrent), read from .json or .json.gz.</summary>
internal sealed record EditingTrace(string StartContent, string EndContent, int NumAgents, TraceTxn[] Txns)
{
    public static EditingTrace Load(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var txns = new List<TraceTxn>();
        foreach (var txn in root.GetProperty("txns").EnumerateArray())
        {
            txns.Add(ReadTxn(txn));
        }

        return new EditingTrace(
            root.TryGetProperty("startContent", out var start) ? start.GetString()! : string.Empty,
            root.GetProperty("endContent").GetString()!,
            root.TryGetProperty("numAgents", out var agents) ? agents.GetInt32() : 1,
            [.. txns]);
    }

    private static TraceTxn ReadTxn(JsonElement txn)
    {
        var parents = new List<int>();
        if (txn.TryGetProperty("parents", out var ps))
        {
            foreach (var p in ps.EnumerateArray())
            {
                parents.Add(p.GetInt32());
            }
        }

        var patches = new List<TracePatch>();
        foreach (var patch in txn.GetProperty("patches").EnumerateArray())
        {
            patches.Add(new TracePatch(patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString()!));
        }

        var agent = txn.TryGetProperty("agent", out var a) ? a.GetInt32() : 0;
        return new TraceTxn([.. parents], agent, [.. patches]);
    }
}
