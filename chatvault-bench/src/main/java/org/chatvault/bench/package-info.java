package org.chatvault.bench;
