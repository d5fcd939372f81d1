using System.Text.Json.Nodes;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Tests.Storage;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// Undo through the session grain, before and after the session moves (its next activation, on the second of two silos
/// sharing storage, restores it from the older snapshot and the log after it): each undo steps one of the client's own
/// sets of one field back.
/// </summary>
public sealed class SessionUndoTests : TwoEmbeddedSilos
{
    [Fact]
    public async Task Undos_after_a_move_step_a_clients_own_tempo_sets_back_one_by_one_down_to_the_restored_snapshot()
    {
        const int ops = 250;
        await SessionTestOps.WithTempoSetsAsync(First.Grains, "undo-moved", ops);

        // The next activation restores from the snapshot at 100: the 150 ops after it can be undone, the archived ones not.
        var moved = Second.Grains.GetGrain<ISessionGrain>("undo-moved");
        var tempos = new List<double>();
        for (var i = 0; i < 150; i++)
        {
            Assert.Equal(SessionSubmitStatus.Committed, (await moved.UndoFor("writer", null, "key")).Status);
            tempos.Add(await TempoAsync(moved));
        }

        Assert.Equal(Enumerable.Range(0, 150).Select(i => 120.0 + ops - 1 - i), tempos);
        Assert.Equal(SessionSubmitStatus.Rejected, (await moved.UndoFor("writer", null, "key")).Status);
    }

    [Fact]
    public async Task Undo_after_a_move_goes_on_from_the_undo_made_before_it()
    {
        var session = await SessionTestOps.WithTempoSetsAsync(First.Grains, "undo-resumed", 3);

        Assert.Equal(SessionSubmitStatus.Committed, (await session.UndoFor("writer", null, "key")).Status);

        var moved = Second.Grains.GetGrain<ISessionGrain>("undo-resumed");
        var tempos = new List<double>();
        foreach (var redo in new[] { false, false, true })
        {
            var result = redo ? await moved.RedoFor("writer", null, "key") : await moved.UndoFor("writer", null, "key");
            Assert.Equal(SessionSubmitStatus.Committed, result.Status);
            tempos.Add(await TempoAsync(moved));
        }

        Assert.Equal([121.0, 120, 121], tempos);
    }

    private static async Task<double> TempoAsync(ISessionGrain session) =>
        JsonNode.Parse((await session.GetSnapshot(null))!.Document)!["tempo"]!.GetValue<double>();
}
