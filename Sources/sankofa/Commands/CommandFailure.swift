/// A command that cannot do what was asked: its message goes to stderr, its code is the exit status
/// (2: wrong usage, 1: the work failed), so scripts can tell the two apart.
struct CommandFailure: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var description: String { message }
}
