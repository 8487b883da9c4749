// The .nn language (SPEC.md §1). The parser is used only by dev.nnc.syntax.AstBuilder.
grammar Nn;

@lexer::members {
  // Inside ( ) and [ ] a newline does not end a statement, so long expressions may span lines.
  private int nesting = 0;
  // Brackets opened and not yet closed, as {line, column}, so an error can point at the opener.
  private final java.util.ArrayDeque<int[]> unclosed = new java.util.ArrayDeque<>();

  public int[] innermostUnclosed() {
    return unclosed.peekLast();
  }

  private void open() {
    nesting++;
    unclosed.addLast(new int[] {_tokenStartLine, _tokenStartCharPositionInLine});
  }

  private void close() {
    if (nesting > 0) {
      nesting--;
      unclosed.pollLast();
    }
  }
}

program : sep* (item (sep+ item)*)? sep* EOF ;

sep : NEWLINE | ';' ;

item
  : statement
  | def
  | layer
  | model
  ;

statement
  : declaration
  | assignment
  | returnStmt
  ;

declaration
  : kind=('input' | 'label') target (',' target)*   # dataDecl
  | 'param' target ('=' expr)?                         # paramDecl
  | 'const' target '=' expr                            # constDecl
  ;

target : NAME ('[' expr (',' expr)* ']')? ;

assignment : NAME '=' expr ;

returnStmt : 'return' expr ;

def : 'def' NAME '(' formals? ')' '=' expr ;

layer : 'layer' NAME '(' formals? ')' block ;

model : 'model' NAME block ;

block : '{' sep* (statement (sep+ statement)*)? sep* '}' ;

formals : formal (',' formal)* ;

formal : NAME ('=' expr)? ;

// Loosest first: + -, then * / @, then unary -, then ^ (right-associative; its exponent may be
// negated, so x ^ -2 parses, and -x ^ 2 is -(x ^ 2)).
expr
  : expr op=('+' | '-') term     # addSub
  | term                         # toTerm
  ;

term
  : term op=('*' | '/' | '@') unary   # mulDiv
  | unary                             # toUnary
  ;

unary
  : '-' unary     # negate
  | power         # toPower
  ;

power
  : primary '^' unary   # raise
  | primary             # toPrimary
  ;

primary
  : NUMBER                                   # number
  | NAME '(' (argument (',' argument)*)? ')' # call
  | NAME                                     # name
  | '(' expr ')'                             # parens
  | '[' expr (',' expr)* ','? ']'            # tensor
  ;

argument : (NAME '=')? expr ;

INPUT  : 'input' ;
LABEL  : 'label' ;
PARAM  : 'param' ;
CONST  : 'const' ;
DEF    : 'def' ;
LAYER  : 'layer' ;
MODEL  : 'model' ;
RETURN : 'return' ;

LPAREN   : '(' { open(); } ;
RPAREN   : ')' { close(); } ;
LBRACKET : '[' { open(); } ;
RBRACKET : ']' { close(); } ;

NAME   : [A-Za-z_] [A-Za-z0-9_]* ;
NUMBER : ([0-9]+ ('.' [0-9]*)? | '.' [0-9]+) ([eE] [+-]? [0-9]+)? ;

NEWLINE : ('\r'? '\n' | '\r') { if (nesting > 0) skip(); } ;
COMMENT : '#' ~[\r\n]* -> skip ;
SPACE   : [ \t\f]+ -> skip ;
// Anything else is a stray character: the parser reports it at its place.
STRAY   : . ;
