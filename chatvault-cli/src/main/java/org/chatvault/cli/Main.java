package org.chatvault.cli; public class Main { public static void main(String[] a){} }
