using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Properties;

/// <summary>The OT laws for text operations, on random texts with astral code points.</summary>
public sealed class TextPropertyTests
{
    private sealed record Pair(string Doc, TextOperation A, TextOperation B);

    private static readonly FsCheck.Gen<Pair> s_concurrent = PropertyCheck.FromSeed(random =>
    {
        var doc = TextGen.Text(random);
        var length = new TextDocument(doc).Length;
        return new Pair(doc, TextGen.Op(random, length), TextGen.Op(random, length));
    });

    private static readonly FsCheck.Gen<Pair> s_sequential = PropertyCheck.FromSeed(random =>
    {
        var doc = TextGen.Text(random);
        var a = TextGen.Op(random, new TextDocument(doc).Length);
        return new Pair(doc, a, TextGen.Op(random, a.TargetLength));
    });

    [Fact]
    public void Transformed_concurrent_ops_converge_from_either_order()
    {
        PropertyCheck.ForAll(s_concurrent, p =>
        {
            var viaA = TextOperation.Transform(p.B, p.A, Side.Right).Apply(p.A.Apply(p.Doc));
            var viaB = TextOperation.Transform(p.A, p.B, Side.Left).Apply(p.B.Apply(p.Doc));
            Assert.Equal(viaA, viaB);
        });
    }

    [Fact]
    public void Composed_op_has_the_effect_of_both_in_order()
    {
        PropertyCheck.ForAll(s_sequential, p =>
            Assert.Equal(p.B.Apply(p.A.Apply(p.Doc)), TextOperation.Compose(p.A, p.B).Apply(p.Doc)));
    }

    [Fact]
    public void Inverted_op_restores_the_document()
    {
        PropertyCheck.ForAll(s_concurrent, p =>
            Assert.Equal(p.Doc, p.A.Invert(new TextDocument(p.Doc)).Apply(p.A.Apply(p.Doc))));
    }

    [Fact]
    public void Every_generated_valid_op_passes_validation()
    {
        PropertyCheck.ForAll(s_concurrent, p =>
            Assert.True(p.A.TryValidate(new TextDocument(p.Doc).Length, out var reason), reason));
    }

    [Fact]
    public void Every_malformed_op_is_rejected_with_a_reason()
    {
        var malformed = PropertyCheck.FromSeed(random =>
        {
            var doc = TextGen.Text(random);
            var (op, defect) = TextGen.Malformed(random, new TextDocument(doc).Length);
            return (doc, op, defect);
        });
        PropertyCheck.ForAll(malformed, c =>
        {
            var document = new TextDocument(c.doc);
            Assert.False(TextOtType.Instance.TryValidate(document, c.op, out var reason), c.defect);
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.Equal(c.doc, document.ToString());
        });
    }

    [Fact]
    public void Gap_buffer_edits_match_a_string_model()
    {
        var edits = PropertyCheck.FromSeed(random =>
        {
            var ops = new List<TextOperation>();
            var doc = TextGen.Text(random);
            var length = new TextDocument(doc).Length;
            for (var i = 0; i < 20; i++)
            {
                ops.Add(TextGen.Op(random, length));
                length = ops[^1].TargetLength;
            }

            return (doc, ops);
        });
        PropertyCheck.ForAll(edits, c =>
        {
            var document = new TextDocument(c.doc);
            var model = c.doc;
            foreach (var op in c.ops)
            {
                document.Apply(op);
                model = NaiveApply(model, op);
                Assert.Equal(model, document.ToString());
            }
        }, maxTest: 200);
    }

    /// <summary>An independent model: the text as a list of runes, edited with list operations.</summary>
    private static string NaiveApply(string text, TextOperation op)
    {
        var runes = new List<System.Text.Rune>(text.EnumerateRunes());
        var cursor = 0;
        foreach (var c in op.Components)
        {
            switch (c.Kind)
            {
                case TextComponentKind.Retain:
                    cursor += c.Count;
                    break;
                case TextComponentKind.Delete:
                    runes.RemoveRange(cursor, c.Count);
                    break;
                default:
                    var inserted = new List<System.Text.Rune>(c.Text!.EnumerateRunes());
                    runes.InsertRange(cursor, inserted);
                    cursor += inserted.Count;
                    break;
            }
        }

        return string.Concat(runes);
    }
}
