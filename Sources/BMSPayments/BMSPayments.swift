enum BMSPayments {}
