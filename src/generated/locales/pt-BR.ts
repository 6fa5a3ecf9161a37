
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Legítimo interesse`,
's04611870ce224465': `Suas escolhas ficam guardadas neste navegador.`,
's0732eb767a637c3a': str`Novidades desde a sua última escolha: ${0}. Novas escolhas ficam desativadas até que você as ative.`,
's091d5807b5b33550': `Ativado`,
's0eb5eecd79dcc9c4': `Sua escolha vale só nesta página: não foi possível salvá-la. Vamos perguntar de novo na sua próxima visita.`,
's14bac751bc97252d': `Ler a política atualizada`,
's1c7d83e8dc6b85de': `Salvo.`,
's283d65e75a4154fb': str`Escolha como ${0} pode usar seus dados.`,
's28ef86af709a96b1': `Necessário para a execução de contrato com você`,
's29e4258a1c991372': `necessário para prestar o serviço que você solicitou.`,
's302cbb19bf9a174a': `Desativado`,
's355b21b89ce5d9c5': `Detalhes`,
's3741f519c32ac391': `Novo`,
's381abd94d77446ee': `Aceitar tudo`,
's3a9fa3b3adde7606': `Nossa política de privacidade mudou desde a última vez que você fez suas escolhas.`,
's3e82476755408fa8': `Ainda não foi salvo. Vamos continuar tentando automaticamente.`,
's530b45f34bc38105': `a lei nos obriga a isso.`,
's59b2add8e4e6495f': `Escolhas de privacidade`,
's5e8250fb85d64c23': `Fechar`,
's634d771ed29b5666': `Vantagem para você:`,
's6e1df6e3b595f3fe': `Prazo de armazenamento`,
's70244822d60d116e': str`Salvo pela última vez em ${0}.`,
's73b120aabf2a8c48': `Dúvidas:`,
's8983b5b15dcc6b45': `Este site gostaria de usar seus dados para algumas finalidades, cada uma com uma vantagem para você. Nada opcional é ativado até que você diga sim.`,
's8fe24de46f64a17f': str`Desativado: ${0}. O que já estiver em execução nesta página para quando você sair dela ou recarregá-la.`,
's978d8809e7bfc75d': `Sempre ativo:`,
'sa36af41d93422ffc': `Base legal`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Compartilhado com`,
'sac5909872ad0f1e0': `Escolha como este site pode usar seus dados.`,
'saeb40fa1f66d2e62': str`${0} gostaria de usar seus dados para algumas finalidades, cada uma com uma vantagem para você. Nada opcional é ativado até que você diga sim.`,
'sb060188bb28bfa9f': `Salvando…`,
'sb44b243e7c232061': str`Seu navegador enviou um sinal Global Privacy Control, por isso desativamos: ${0}. Você pode mudar isso a qualquer momento.`,
'sbea3a5ad07a3cc06': `Não conseguimos salvar esta alteração. Ela continua valendo neste navegador. Tente novamente ou fale com a gente.`,
'scd1dd6ff53d0d01a': `Tentar novamente`,
'sd00bf7b24721fc03': `Não é possível mostrar estas escolhas de privacidade porque há um problema na configuração do site.`,
'sd1774c4d7aa6098d': `Como usamos seus dados`,
'sd24af6ce52e12f7a': `Este navegador não consegue guardar suas escolhas até que elas sejam salvas: se você sair desta página antes disso, elas serão perdidas.`,
'sd96c9cb69fa8bc00': `Carregando suas escolhas de privacidade…`,
'sdb577f3dd64fb971': `Desativar uma escolha é tão fácil quanto ativá-la, e você pode mudar de ideia a qualquer momento.`,
'se03f1482537e2035': `Exigido por lei`,
'se700659811e2115b': `Ainda não foi salvo. Vamos tentar de novo na sua próxima visita.`,
'se73a2a54e168a016': `Suas escolhas de privacidade`,
'sef4999e4b768721f': `Política de privacidade`,
'sf5fa72579cf6eb96': `Escolher o que permitir`,
'sf7668d18350420c0': `Seu consentimento`,
'sfac6c47782e36896': `Dados usados`,
'sfb5cd72ffdee7e49': `Recusar tudo`,
'sfc772e39bffc7d31': `necessário para o funcionamento do site.`,
'sfd711d8589724809': `Baixar minhas escolhas`,
'summary.few': str`Você ativou ${0} de ${1} finalidades opcionais.`,
'summary.many': str`Você ativou ${0} de ${1} finalidades opcionais.`,
'summary.one': str`Você ativou ${0} de ${1} finalidade opcional.`,
'summary.other': str`Você ativou ${0} de ${1} finalidades opcionais.`,
'summary.two': str`Você ativou ${0} de ${1} finalidades opcionais.`,
'summary.zero': str`Você ativou ${0} de ${1} finalidades opcionais.`,
    };
  