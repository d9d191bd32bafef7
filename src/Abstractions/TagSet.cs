using System.Collections;

namespace OpenQuizz.Typed;

/// <summary>An immutable, ordered set of tags that a server must all carry to match; the empty set matches every server.</summary>
public sealed class TagSet : IReadOnlyList<Tag>, IEquatable<TagSet>
{
    private readonly Tag[] _tags;

    /// <summary>Creates a tag set from the given tags, in order.</summary>
    /// <exception cref="ArgumentException">A tag has an empty name or a null value, or a name appears twice.</exception>
    public TagSet(IEnumerable<Tag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tags = [.. tags];
        for (var i = 0; i < _tags.Length; i++)
        {
            var tag = _tags[i];
            if (string.IsNullOrEmpty(tag.Name) || tag.Value is null)
            {
                throw new ArgumentException("A tag needs a non-empty name and a value.", nameof(tags));
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(_tags[j].Name, tag.Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The tag name '{tag.Name}' appears twice in one tag set.", nameof(tags));
                }
            }
        }
    }

    /// <summary>Creates a tag set from the given tags, in order.</summary>
    public TagSet(params ReadOnlySpan<Tag> tags) : this((IEnumerable<Tag>)tags.ToArray())
    {
    }

    /// <summary>The tag set with no tags, which matches every server.</summary>
    public static TagSet Empty { get; } = new(Array.Empty<Tag>());

    /// <summary>The number of tags.</summary>
    public int Count => _tags.Length;

    /// <summary>True when the set has no tags (and so matches every server).</summary>
    public bool IsEmpty => _tags.Length == 0;

    /// <summary>The tag at <paramref name="index"/>.</summary>
    public Tag this[int index] => _tags[index];

    /// <summary>True when <paramref name="serverTags"/> contains every tag of this set with the same value.</summary>
    public bool IsMatchedBy(IReadOnlyDictionary<string, string> serverTags)
    {
        ArgumentNullException.ThrowIfNull(serverTags);
        foreach (var tag in _tags)
        {
            if (!serverTags.TryGetValue(tag.Name, out var value) || !string.Equals(value, tag.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public IEnumerator<Tag> GetEnumerator() => ((IEnumerable<Tag>)_tags).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _tags.GetEnumerator();

    /// <summary>True when both sets hold the same tags in the same order.</summary>
    public bool Equals(TagSet? other) => other is not null && _tags.AsSpan().SequenceEqual(other._tags);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TagSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var tag in _tags)
        {
            hash.Add(tag);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns the set as <c>{ name: value, … }</c>.</summary>
    public override string ToString() =>
        _tags.Length == 0 ? "{ }" : "{ " + string.Join(", ", _tags.Select(t => $"{t.Name}: {t.Value}")) + " }";
}
