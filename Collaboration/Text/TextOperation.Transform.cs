namespace SampleMind.Collaboration.Text;

public sealed partial class TextOperation
{
    /// <summary>
    /// Rewrites <paramref name="op"/> so that it applies after <paramref name="over"/>; both apply to the
    /// same text. When both insert at one position, the op on <see cref="Side.Left"/> keeps its text first.
    /// </summary>
    /// <exception cref="OperationMismatchException">The ops have different base lengths.</exception>
    public static TextOperation Transform(TextOperation op, TextOperation over, Side side)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(over);
        if (op.BaseLength != over.BaseLength)
        {
            throw new OperationMismatchException(
                $"cannot transform: base lengths differ ({op.BaseLength} and {over.BaseLength})");
        }

        var result = new ComponentList(op._components.Length + over._components.Length);
        var a = new ComponentCursor(op._components);
        var b = new ComponentCursor(over._components);
        while (!a.Done || !b.Done)
        {
            if (!a.Done && a.Kind == TextComponentKind.Insert && (side == Side.Left || b.Done || b.Kind != TextComponentKind.Insert))
            {
                var count = a.Remaining;
                result.Insert(a.TakeText(), count);
                continue;
            }

            if (!b.Done && b.Kind == TextComponentKind.Insert)
            {
                result.Retain(b.Remaining);
                b.Advance(b.Remaining);
                continue;
            }

            var n = Math.Min(a.Remaining, b.Remaining);
            if (a.Kind == TextComponentKind.Retain && b.Kind == TextComponentKind.Retain)
            {
                result.Retain(n);
            }
            else if (a.Kind == TextComponentKind.Delete && b.Kind == TextComponentKind.Retain)
            {
                result.Delete(n);
            }

            a.Advance(n);
            b.Advance(n);
        }

        return result.Build();
    }

    /// <summary>One op with the effect of <paramref name="first"/> then <paramref name="second"/>.</summary>
    /// <exception cref="OperationMismatchException">The second op does not apply to the first's result.</exception>
    public static TextOperation Compose(TextOperation first, TextOperation second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.TargetLength != second.BaseLength)
        {
            throw new OperationMismatchException(
                $"cannot compose: first produces {first.TargetLength} code points, second expects {second.BaseLength}");
        }

        var result = new ComponentList(first._components.Length + second._components.Length);
        var a = new ComponentCursor(first._components);
        var b = new ComponentCursor(second._components);
        while (!a.Done || !b.Done)
        {
            if (!a.Done && a.Kind == TextComponentKind.Delete)
            {
                result.Delete(a.Remaining);
                a.Advance(a.Remaining);
                continue;
            }

            if (!b.Done && b.Kind == TextComponentKind.Insert)
            {
                var count = b.Remaining;
                result.Insert(b.TakeText(), count);
                continue;
            }

            var n = Math.Min(a.Remaining, b.Remaining);
            if (a.Kind == TextComponentKind.Retain)
            {
                if (b.Kind == TextComponentKind.Retain)
                {
                    result.Retain(n);
                }
                else
                {
                    result.Delete(n);
                }

                a.Advance(n);
            }
            else if (b.Kind == TextComponentKind.Retain)
            {
                result.Insert(a.TakeText(n), n);
            }
            else
            {
                a.Advance(n);
            }

            b.Advance(n);
        }

        return result.Build();
    }
}
