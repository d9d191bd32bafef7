using MongoDB.Bson;
using System.Buffers.Binary;
using System.Text;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Connections;

/// <summary>
/// Builds the command document of a started event from the encoded message, only when someone listens: the body
/// with each document sequence folded in as an array, as the monitoring spec shows it.
/// </summary>
internal static class CommandEventDocuments
{
    public static BsonDocument FromRequest(ReadOnlySpan<byte> message, EncodedMessage encoded, bool legacy)
    {
        var bodyStart = encoded.BodyOffset - encoded.Offset;
        var command = BsonDocument.FromBytes(message.Slice(bodyStart, encoded.BodyLength));
        if (legacy)
        {
            return command;
        }

        var flags = (OpMsgFlags)BinaryPrimitives.ReadUInt32LittleEndian(message[16..]);
        var end = (flags & OpMsgFlags.ChecksumPresent) != 0 ? message.Length - 4 : message.Length;
        var position = bodyStart + encoded.BodyLength;
        while (position < end && message[position] == 1)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(message[(position + 1)..]);
            var section = message.Slice(position + 5, size - 4);
            var nul = section.IndexOf((byte)0);
            var identifier = Encoding.UTF8.GetString(section[..nul]);
            var documents = new BsonArray();
            var rest = section[(nul + 1)..];
            while (!rest.IsEmpty)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(rest);
                documents.Add(BsonDocument.FromBytes(rest[..length]));
                rest = rest[length..];
            }

            command.Add(identifier, documents);
            position += 1 + size;
        }

        return command;
    }
}
