using System.Text.Json;
using Microsoft.Playwright;

namespace SampleMind.Dashboard.Tests.Fixture;

/// <summary>
/// Times one dashboard render inside the page: from handing a snapshot to the page's render
/// function until two animation frames later (layout and paint of the new rows included).
/// Shared by the browser test, which records the figure, and bench/Dashboard.Bench, which
/// checks it against the 1 s goal over many runs.
/// </summary>
internal static class RenderTimer
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The current snapshot of <paramref name="cluster"/> as the page receives it.</summary>
    public static string SnapshotJson(SimulatedCluster cluster) => JsonSerializer.Serialize(cluster.Current().Snapshot, s_json);

    /// <summary>Renders <paramref name="snapshotJson"/> and returns the milliseconds until painted.</summary>
    public static Task<double> MeasureAsync(IPage page, string snapshotJson) =>
        page.EvaluateAsync<double>(
            """
            async (json) => {
              const snapshot = JSON.parse(json);
              const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
              const start = performance.now();
              window.samplemindDashboard.render(snapshot);
              await nextFrame();
              await nextFrame();
              return performance.now() - start;
            }
            """,
            snapshotJson);
}
