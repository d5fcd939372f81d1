using System.Text.Json;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Text;

/// <summary>Text operations: code point counting, canonical form, wire format.</summary>
public sealed class TextOperationTests
{
    [Fact]
    public void Positions_and_lengths_count_code_points_not_utf16_units()
    {
        var doc = new TextDocument("a😀b");

        var op = TextOperation.Edit(doc.Length, 2, 1, "𝄞");
        doc.Apply(op);

        Assert.Equal(3, op.BaseLength);
        Assert.Equal("a😀𝄞", doc.ToString());
    }

    [Fact]
    public void Builder_merges_neighbours_and_puts_inserts_before_deletes()
    {
        var op = new TextOperationBuilder().Retain(1).Retain(2).Delete(1).Insert("x").Insert("y").Delete(2).Retain(0).Build();

        Assert.Equal("[r3, i\"xy\", d3]", op.ToString());
        Assert.Equal(6, op.BaseLength);
        Assert.Equal(5, op.TargetLength);
    }

    [Fact]
    public void Ops_built_differently_with_one_effect_are_equal()
    {
        var a = new TextOperationBuilder().Retain(2).Delete(1).Insert("z").Retain(1).Build();
        var b = TextOperation.Edit(4, 2, 1, "z");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Wire_form_is_numbers_for_retain_and_delete_and_strings_for_insert()
    {
        var op = TextOperation.Edit(7, 2, 3, "ab😀");

        var json = JsonSerializer.Serialize(op, CollaborationJsonContext.Default.TextOperation);
        var back = JsonSerializer.Deserialize(json, CollaborationJsonContext.Default.TextOperation);

        Assert.Equal("[2,\"ab\\uD83D\\uDE00\",-3,2]", json);
        Assert.Equal(op, back);
    }

    [Fact]
    public void Malformed_wire_op_is_read_and_then_refused_by_validation()
    {
        var op = JsonSerializer.Deserialize("[0,\"\",-2]", CollaborationJsonContext.Default.TextOperation)!;

        Assert.False(op.TryValidate(2, out var reason));
        Assert.Contains("count 0", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_of_ops_on_texts_of_different_lengths_is_refused()
    {
        Assert.Throws<OperationMismatchException>(() =>
            TextOperation.Transform(TextOperation.Identity(2), TextOperation.Identity(3), Side.Left));
    }

    [Fact]
    public void Compose_of_ops_that_do_not_chain_is_refused()
    {
        Assert.Throws<OperationMismatchException>(() =>
            TextOperation.Compose(TextOperation.Edit(2, 0, 0, "x"), TextOperation.Identity(2)));
    }

    [Fact]
    public void Document_grows_past_its_initial_capacity_and_keeps_text_around_the_gap()
    {
        var doc = new TextDocument("ab");
        for (var i = 0; i < 500; i++)
        {
            doc.Insert(1 + (i % 2), "x");
        }

        doc.Delete(0, 1);

        Assert.Equal(501, doc.Length);
        Assert.Equal('b', (char)doc[500]);
        Assert.Equal("xxx", doc.GetText(0, 3));
    }
}
