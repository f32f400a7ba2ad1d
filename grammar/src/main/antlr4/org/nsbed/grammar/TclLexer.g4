/*
 * Tokens of Tcl's surface syntax (the Tcl 8 "dodekalogue") as NS files use it.
 *
 * Tcl's syntax is context sensitive, and the lexer carries that context:
 *  - a '{' or '"' opens a braced or quoted word only at the start of a word, anywhere else it is
 *    an ordinary character (the predicates consult TclLexerBase, which tracks word and command
 *    starts from the tokens already emitted);
 *  - a '#' starts a comment only where a command could start;
 *  - a ']' closes a command substitution only inside one;
 *  - inside braces only braces and backslashes mean anything (mode BRACE), inside quotes only
 *    '$', '[', '\' and the closing quote (mode QUOTE), inside an array index only '$', '[', '\'
 *    and ')' (mode VARINDEX). A '[' pushes the default mode again: a command substitution holds
 *    a whole script.
 * TclLexerBase closes constructs still open at the end of the input with zero-width tokens and
 * records the syntax errors, so the parser always sees a balanced token stream.
 *
 * Line ends are read as Tcl's source reads a file: "\r\n" is a line end; a lone "\r" is
 * whitespace, as it is to Tcl's parser. Rule order matters where two rules match the same
 * length: COMMENT before CHARS ("#" alone), WS before ESC (backslash-newline), and the
 * predicated openers before LITERAL.
 */
lexer grammar TclLexer;

options { superClass = TclLexerBase; }

// A comment runs to the end of the line; a backslash-newline continues it. A backslash escapes
// the character after it (so "\\" before a newline does not continue); one at the very end of
// the input belongs to the comment.
COMMENT         : '#' {atCommandStart()}? ( '\\' '\r'? '\n' | '\\' . | ~[\\\n] )* '\\'? ;

// Word separator. A backslash-newline (and the whitespace after it) separates words too.
WS              : ( [ \t\f\u000B\r] | '\\' '\r'? '\n' )+ ;
NEWLINE         : '\r'? '\n' ;
SEMI            : ';' ;

// Argument expansion (Tcl 8.5): "{*}" at the start of a word and directly followed by more of it.
EXPAND          : '{*}' {atWordStart() && expansionFollows()}? ;
BRACE_OPEN      : '{' {atWordStart()}? -> pushMode(BRACE) ;
QUOTE_OPEN      : '"' {atWordStart()}? -> pushMode(QUOTE) ;
LBRACKET        : '[' -> pushMode(DEFAULT_MODE) ;
RBRACKET        : ']' {inCommandSubstitution()}? -> popMode ;

VAR_BRACED      : '$' '{' ~'}'* '}' ;
VAR_BRACED_OPEN : '$' '{' ;   // only when no '}' follows anywhere: reported, lexing stops
VAR_ELEMENT     : '$' VAR_NAME? '(' ~[)\\$[]* ')' ;   // an index without substitutions, in one token
VAR_ARRAY       : '$' VAR_NAME? '(' -> pushMode(VARINDEX) ;
VAR_SCALAR      : '$' VAR_NAME ;
DOLLAR          : '$' ;       // a '$' not followed by a variable name is an ordinary character

ESC             : '\\' .? ;
CHARS           : ~[ \t\f\u000B\r\n;\\$[\]{}"]+ ;
// Braces, quotes and brackets in positions where they have no meaning.
LITERAL         : [{}"\]] ;

// Tcl: letters, digits, underscores and namespace separators (two or more colons). An array
// name may be empty: "$(i)" is an element of the array named "".
fragment VAR_NAME : ( [A-Za-z0-9_] | '::' ':'* )+ ;


mode BRACE;
BRACE_TEXT      : ~[{}\\]+ ;
BRACE_ESC       : '\\' .? -> type(ESC) ;
BRACE_NEST      : '{' -> type(BRACE_OPEN), pushMode(BRACE) ;
BRACE_CLOSE     : '}' -> popMode ;


mode QUOTE;
Q_TEXT          : ~["\\$[]+ -> type(CHARS) ;
Q_ESC           : '\\' .? -> type(ESC) ;
Q_LBRACKET      : '[' -> type(LBRACKET), pushMode(DEFAULT_MODE) ;
Q_VAR_BRACED    : '$' '{' ~'}'* '}' -> type(VAR_BRACED) ;
Q_VAR_OPEN      : '$' '{' -> type(VAR_BRACED_OPEN) ;
Q_VAR_ELEMENT   : '$' VAR_NAME? '(' ~[)\\$[]* ')' -> type(VAR_ELEMENT) ;
Q_VAR_ARRAY     : '$' VAR_NAME? '(' -> type(VAR_ARRAY), pushMode(VARINDEX) ;
Q_VAR_SCALAR    : '$' VAR_NAME -> type(VAR_SCALAR) ;
Q_DOLLAR        : '$' -> type(DOLLAR) ;
QUOTE_CLOSE     : '"' -> popMode ;


// The index of $name(index): everything up to ')', with substitutions (Tcl allows spaces,
// newlines and brackets in it).
mode VARINDEX;
I_TEXT          : ~[)\\$[]+ -> type(CHARS) ;
I_ESC           : '\\' .? -> type(ESC) ;
I_LBRACKET      : '[' -> type(LBRACKET), pushMode(DEFAULT_MODE) ;
I_VAR_BRACED    : '$' '{' ~'}'* '}' -> type(VAR_BRACED) ;
I_VAR_OPEN      : '$' '{' -> type(VAR_BRACED_OPEN) ;
I_VAR_ELEMENT   : '$' VAR_NAME? '(' ~[)\\$[]* ')' -> type(VAR_ELEMENT) ;
I_VAR_ARRAY     : '$' VAR_NAME? '(' -> type(VAR_ARRAY), pushMode(VARINDEX) ;
I_VAR_SCALAR    : '$' VAR_NAME -> type(VAR_SCALAR) ;
I_DOLLAR        : '$' -> type(DOLLAR) ;
VAR_INDEX_CLOSE : ')' -> popMode ;
