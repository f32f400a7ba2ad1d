/*
 * Structure of a Tcl script: commands separated by newlines or semicolons, each a sequence of
 * words separated by whitespace; a word is braced, quoted or bare, and may hold variable and
 * command substitutions (a command substitution holds a whole script).
 *
 * The grammar is LL(2) and unambiguous (commands are separated only by NEWLINE/SEMI, words
 * only by WS), so SLL prediction is exact. The lexer guarantees a balanced token stream, so
 * every input parses; syntax errors come from the lexer.
 */
parser grammar TclParser;

options { tokenVocab = TclLexer; }

script       : body EOF ;

body         : commandLine ( terminator commandLine )* ;
commandLine  : WS? ( COMMENT | command WS? )? ;
terminator   : NEWLINE | SEMI ;

command      : word ( WS word )* ;

// Anything after the closing brace or quote of a word is an error the lexer has reported;
// the word is kept whole so that parsing can go on.
word         : braced wordPart*                         # bracedWord
             | quoted wordPart*                         # quotedWord
             | wordPart+                                # bareWord
             | EXPAND ( braced wordPart* | quoted wordPart* | wordPart+ )  # expandedWord
             ;

braced       : BRACE_OPEN ( BRACE_TEXT | ESC | braced )* BRACE_CLOSE ;
quoted       : QUOTE_OPEN substPart* QUOTE_CLOSE ;

// A part of a word: literal text, an escape, a variable or a command substitution. Outside
// quotes, braces and quotes in the middle of a word are plain characters (LITERAL).
wordPart     : CHARS | ESC | DOLLAR | LITERAL | VAR_SCALAR | VAR_ELEMENT | VAR_BRACED | VAR_BRACED_OPEN | arrayElement | commandSubst ;
substPart    : CHARS | ESC | DOLLAR | VAR_SCALAR | VAR_ELEMENT | VAR_BRACED | VAR_BRACED_OPEN | arrayElement | commandSubst ;

arrayElement : VAR_ARRAY substPart* VAR_INDEX_CLOSE ;

commandSubst : LBRACKET body RBRACKET ;
