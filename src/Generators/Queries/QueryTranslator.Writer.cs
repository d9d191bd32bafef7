using System.Collections.Generic;
using System.Linq;

namespace OpenQuizz.Typed.Generators.Queries;

internal sealed partial class QueryTranslator
{
    private const string WriteValue = "global::OpenQuizz.Typed.Bson.BsonDom.WriteValue(ref writer, ";

    /// <summary>
    /// The statements that write the filter of <paramref name="node"/> straight into a <c>BsonSpanWriter</c> named
    /// <c>writer</c>: the same document <see cref="RenderNode"/> builds, without building it.
    /// </summary>
    public List<string> RenderWrite(FilterNode node)
    {
        var lines = new List<string>();
        WriteDocument(node, lines);
        return lines;
    }

    /// <summary>
    /// Whether an <c>$and</c> is one document (<c>{ a: 1, $or: [...], $expr: ... }</c>): every item is one element
    /// (a clause on a fixed path, an <c>$or</c>, a <c>$nor</c>, an <c>$expr</c>) and no name repeats. Both the
    /// document builder and the writer decide with this, so they produce the same filter.
    /// </summary>
    private static bool IsMergeable(AndNode conjunction)
    {
        var keys = conjunction.Items.SelectMany(i => i.Keys).ToList();
        return conjunction.Items.All(i => i is Clause { Field.IsLiteral: true, Field.IsElement: false } or OrNode or NorNode or ExprNode)
            && keys.All(k => k is not null) && keys.Distinct().Count() == keys.Count;
    }

    private void WriteDocument(FilterNode node, List<string> lines)
    {
        switch (node)
        {
            case ConditionNode condition:
                lines.Add($"if ({condition.Condition})");
                lines.Add("{");
                lines.Add("    writer.WriteStartDocument();");
                lines.Add("    writer.WriteEndDocument();");
                lines.Add("}");
                lines.Add("else");
                lines.Add("{");
                WriteNothing(lines, "    ");
                lines.Add("}");
                return;
            case ConstantNode { Value: false }:
                WriteNothing(lines, string.Empty);
                return;
            default:
                lines.Add("writer.WriteStartDocument();");
                WriteElements(node, lines);
                lines.Add("writer.WriteEndDocument();");
                return;
        }
    }

    private void WriteElements(FilterNode node, List<string> lines)
    {
        switch (node)
        {
            case Clause clause:
                WriteName(clause.Field, lines);
                switch (clause.Op)
                {
                    case "$eq" or "$regex" or "$op":
                        lines.Add(WriteValue + clause.Value + ");");
                        break;
                    default:
                        lines.Add("writer.WriteStartDocument();");
                        lines.Add($"writer.WriteName({Utf8(clause.Op)});");
                        lines.Add(WriteValue + clause.Value + ");");
                        lines.Add("writer.WriteEndDocument();");
                        break;
                }

                return;
            case AndNode conjunction when IsMergeable(conjunction):
                foreach (var item in conjunction.Items)
                {
                    WriteElements(item, lines);
                }

                return;
            case AndNode conjunction:
                WriteList("$and", conjunction.Items, lines);
                return;
            case OrNode disjunction:
                WriteList("$or", disjunction.Items, lines);
                return;
            case NorNode nor:
                WriteList("$nor", nor.Items, lines);
                return;
            case ExprNode expr:
                lines.Add("writer.WriteName(\"$expr\"u8);");
                lines.Add(WriteValue + expr.Expression + ");");
                return;
            case ConstantNode { Value: true }:
                return;
            default:
                // A run-time condition or "nothing" among other elements: as its own document in an $and.
                WriteList("$and", new List<FilterNode> { node }, lines);
                return;
        }
    }

    private void WriteList(string op, List<FilterNode> items, List<string> lines)
    {
        lines.Add($"writer.WriteName({Utf8(op)});");
        lines.Add("writer.WriteStartArray();");
        foreach (var item in items)
        {
            WriteDocument(item, lines);
        }

        lines.Add("writer.WriteEndArray();");
    }

    private static void WriteName(FieldRef field, List<string> lines) =>
        lines.Add(field.IsLiteral ? $"writer.WriteName({Utf8(field.Path)});" : $"writer.WriteName({field.PathCode});");

    /// <summary>The filter that matches no document, <c>{ $nor: [{}] }</c>.</summary>
    private static void WriteNothing(List<string> lines, string indent)
    {
        lines.Add(indent + "writer.WriteStartDocument();");
        lines.Add(indent + "writer.WriteName(\"$nor\"u8);");
        lines.Add(indent + "writer.WriteStartArray();");
        lines.Add(indent + "writer.WriteStartDocument();");
        lines.Add(indent + "writer.WriteEndDocument();");
        lines.Add(indent + "writer.WriteEndArray();");
        lines.Add(indent + "writer.WriteEndDocument();");
    }

    private static string Utf8(string text) => Literal(text) + "u8";
}
