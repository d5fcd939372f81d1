using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Traces;

/// <summary>Turns trace patches into text operations.</summary>
internal static class TraceOps
{
    /// <summary>The patches of one txn, applied in order, as one op on a text of <paramref name="length"/> code points.</summary>
    public static TextOperation ForTxn(TraceTxn txn, int length)
    {
        TextOperation? op = null;
        foreach (var patch in txn.Patches)
        {
            var next = TextOperation.Edit(length, patch.Position, patch.DeleteCount, patch.Insert);
            op = op is null ? next : TextOperation.Compose(op, next);
            length = next.TargetLength;
        }

        return op ?? TextOperation.Identity(length);
    }
}
