using SampleMind.Collaboration.Tests.Traces;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Bench;

/// <summary>Finds the editing traces (../shared/data beside the folder holding Cluster.sln) and prepares their ops.</summary>
internal static class TraceFiles
{
    /// <summary>The folder given by SAMPLEMIND_TRACES, else found by walking up from the current directory.</summary>
    public static string Folder()
    {
        var configured = Environment.GetEnvironmentVariable("SAMPLEMIND_TRACES");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new DirectoryNotFoundException("Cluster.sln not found above the current directory; set SAMPLEMIND_TRACES")
            : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "editing-traces"));
    }

    /// <summary>The trace's ops, one per patch, each on the text the previous ones produce.</summary>
    public static (TextOperation[] Ops, string EndContent) LoadOps(string name)
    {
        var trace = EditingTrace.Load(Path.Combine(Folder(), name + ".json.gz"));
        var ops = new List<TextOperation>();
        var length = new TextDocument(trace.StartContent).Length;
        foreach (var txn in trace.Txns)
        {
            foreach (var patch in txn.Patches)
            {
                var op = TextOperation.Edit(length, patch.Position, patch.DeleteCount, patch.Insert);
                ops.Add(op);
                length = op.TargetLength;
            }
        }

        return ([.. ops], trace.EndContent);
    }
}
